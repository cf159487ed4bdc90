package io.trainstream.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV text with a header row into cells: comma-separated, optional double quotes (a quoted
 * field may contain commas and doubled quotes, not line breaks), surrounding blanks trimmed, blank lines
 * skipped, a leading byte-order mark ignored. Rows whose length differs from the header's are rejected.
 */
final class CsvRows {

    /** One data row and the 1-based line it came from. */
    record Row(int line, List<String> cells) {
    }

    private final String source;
    private final List<String> header;
    private final List<Row> rows;

    private CsvRows(String source, List<String> header, List<Row> rows) {
        this.source = source;
        this.header = header;
        this.rows = rows;
    }

    /**
     * @param reader the text; not closed
     * @param source the file name used in error messages
     * @return the header and rows
     * @throws DatasetException for an empty file, a file without data rows, a ragged row or bad quoting
     */
    static CsvRows read(BufferedReader reader, String source) throws IOException {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        String text;
        int line = 0;
        while ((text = reader.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            List<String> cells = split(text, source, line);
            if (header == null) {
                header = cells;
                checkHeader(header, source, line);
            } else if (cells.size() != header.size()) {
                throw new DatasetException(source + " line " + line + ": " + cells.size() + " values, but the header has "
                        + header.size() + " columns");
            } else {
                rows.add(new Row(line, cells));
            }
        }
        if (header == null) {
            throw new DatasetException(source + ": the file is empty (expected a header row and data rows)");
        }
        if (rows.isEmpty()) {
            throw new DatasetException(source + ": no data rows after the header");
        }
        return new CsvRows(source, List.copyOf(header), rows);
    }

    private static void checkHeader(List<String> header, String source, int line) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw new DatasetException(source + " line " + line + ", column " + (i + 1) + ": empty column name in the header");
            }
            if (header.indexOf(header.get(i)) != i) {
                throw new DatasetException(source + " line " + line + ": column '" + header.get(i) + "' appears twice in the header");
            }
        }
    }

    private static List<String> split(String text, String source, int line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new DatasetException(source + " line " + line + ": a quoted value is not closed");
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    /** @return the column names, in file order */
    List<String> header() {
        return header;
    }

    /** @return the data rows, in file order */
    List<Row> rows() {
        return rows;
    }

    /** @return the file name used in messages */
    String source() {
        return source;
    }
}
