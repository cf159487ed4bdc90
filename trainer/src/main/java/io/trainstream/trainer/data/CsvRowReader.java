package io.trainstream.trainer.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the rows of a CSV text with a header row, one at a time, through Jackson's CSV parser (RFC 4180
 * quoting, quoted fields may hold delimiters, doubled quotes and line breaks). Blanks around values are
 * trimmed, blank lines skipped, a leading byte-order mark ignored. The delimiter is given or detected from
 * the header row. Ragged rows, bad quoting, a bad header and bytes that are not UTF-8 are
 * {@link DatasetException}s naming the source and line.
 */
final class CsvRowReader implements Closeable {

    /** Delimiters tried by detection, in order of preference on a tie. */
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    /** How far ahead the header row may be read for delimiter detection. */
    private static final int HEADER_PEEK = 1 << 20;

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final String source;
    private final CsvParser parser;
    private final List<String> header;
    private final List<String> cells = new ArrayList<>();
    private long line;

    private CsvRowReader(String source, BufferedReader reader, Character delimiter) throws IOException {
        this.source = source;
        reader.mark(HEADER_PEEK);
        String first = reader.readLine();
        reader.reset();
        if (first != null && first.startsWith("\uFEFF")) {
            reader.skip(1);
            first = first.substring(1);
        }
        char separator = delimiter != null ? delimiter : detect(first == null ? "" : first);
        this.parser = FACTORY.createParser(reader);
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
        String[] names = next();
        if (names == null) {
            throw new DatasetException(source + ": the file is empty (expected a header row and data rows)");
        }
        this.header = List.of(names);
        checkHeader();
    }

    /**
     * @param in UTF-8 bytes; closed with this reader
     * @param source the name used in error messages
     * @param delimiter the delimiter, or null to detect it
     * @return a reader positioned after the header row
     */
    static CsvRowReader open(InputStream in, String source, Character delimiter) throws IOException {
        Reader strict = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return open(strict, source, delimiter);
    }

    /**
     * @param reader the text; closed with this reader
     * @param source the name used in error messages
     * @param delimiter the delimiter, or null to detect it
     * @return a reader positioned after the header row
     */
    static CsvRowReader open(Reader reader, String source, Character delimiter) throws IOException {
        try {
            return new CsvRowReader(source, reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16), delimiter);
        } catch (CharacterCodingException e) {
            throw notUtf8(source);
        }
    }

    /** @return the column names, in file order */
    List<String> header() {
        return header;
    }

    /** @return the 1-based line the last row returned by {@link #next} starts on */
    long line() {
        return line;
    }

    /**
     * @return the next data row's cells, as many as the header has columns, or null at the end
     * @throws DatasetException for a ragged row, bad quoting or bytes that are not UTF-8
     */
    String[] next() throws IOException {
        try {
            while (true) {
                String[] row = nextRecord();
                if (row == null) {
                    return null;
                }
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (header != null && row.length != header.size()) {
                    throw new DatasetException(source + " line " + line + ": " + row.length + " values, but the header has "
                            + header.size() + " columns");
                }
                return row;
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(source);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw new DatasetException(source + (at == null ? "" : " line " + at.getLineNr()) + ": " + e.getOriginalMessage(), e);
        }
    }

    private String[] nextRecord() throws IOException {
        JsonToken token = parser.nextToken();
        while (token != null && token != JsonToken.START_ARRAY) {
            token = parser.nextToken();
        }
        if (token == null) {
            return null;
        }
        cells.clear();
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (cells.isEmpty()) {
                // the array start is reported where the previous record ended; the first value is where the row starts
                line = parser.currentTokenLocation().getLineNr();
            }
            cells.add(parser.getText());
        }
        return cells.toArray(String[]::new);
    }

    private void checkHeader() {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw new DatasetException(source + " line " + line + ", column " + (i + 1) + ": empty column name in the header");
            }
            if (header.indexOf(header.get(i)) != i) {
                throw new DatasetException(source + " line " + line + ": column '" + header.get(i) + "' appears twice in the header");
            }
        }
        if (header.size() > 1 && header.stream().allMatch(StrictNumbers::looksNumeric)) {
            throw new DatasetException(source + " line " + line + ": the first row holds only numbers; a header row naming the "
                    + "columns is required");
        }
    }

    /** The candidate delimiter seen most often outside quotes in the header row; a comma when none is. */
    static char detect(String headerRow) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < headerRow.length(); i++) {
            char c = headerRow.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            for (int k = 0; k < CANDIDATES.length && !quoted; k++) {
                if (c == CANDIDATES[k]) {
                    counts[k]++;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    private static DatasetException notUtf8(String source) {
        return new DatasetException(source + ": not UTF-8 text (it holds byte sequences that are not UTF-8; save it as UTF-8)");
    }

    /** {@inheritDoc} */
    @Override
    public void close() throws IOException {
        parser.close();
    }
}
