package io.trainstream.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of a CSV file to predict for: the named feature columns, in the order a model was trained on
 * (the file may order them differently and hold other columns), read as strictly as {@link CsvDataset}
 * reads training data, and the label column's values when the file has one. Immutable.
 */
public final class FeatureTable {

    private final String source;
    private final List<String> featureNames;
    private final float[] values;
    private final List<String> labels;

    private FeatureTable(String source, List<String> featureNames, float[] values, List<String> labels) {
        this.source = source;
        this.featureNames = List.copyOf(featureNames);
        this.values = values;
        this.labels = labels == null ? null : Collections.unmodifiableList(labels);
    }

    /**
     * @param file a UTF-8 CSV file with a header row
     * @param featureNames the feature columns to read, in the model's order
     * @param labelColumn the label column to keep when present, or null
     * @param delimiter the delimiter, or null to detect it
     * @return the rows
     * @throws DatasetException when the file is missing or malformed, lacks a feature column, or holds a value
     *     that is not a finite number (naming file, line and column)
     */
    public static FeatureTable load(Path file, List<String> featureNames, String labelColumn, Character delimiter) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), featureNames, labelColumn, delimiter);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param in UTF-8 CSV bytes; not closed
     * @param source the name used in messages
     * @param featureNames the feature columns to read, in the model's order
     * @param labelColumn the label column to keep when present, or null
     * @param delimiter the delimiter, or null to detect it
     * @return the rows
     * @throws DatasetException as {@link #load}
     */
    public static FeatureTable read(InputStream in, String source, List<String> featureNames, String labelColumn,
            Character delimiter) {
        Objects.requireNonNull(featureNames, "featureNames");
        try (CsvRowReader rows = CsvRowReader.open(new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }, source, delimiter)) {
            List<String> header = rows.header();
            int[] columns = new int[featureNames.size()];
            List<String> missing = new ArrayList<>();
            for (int f = 0; f < columns.length; f++) {
                columns[f] = header.indexOf(featureNames.get(f));
                if (columns[f] < 0) {
                    missing.add(featureNames.get(f));
                }
            }
            if (!missing.isEmpty()) {
                throw new DatasetException(source + ": the model's feature column(s) " + String.join(", ", missing)
                        + " are missing; the columns are " + String.join(", ", header));
            }
            int labelIndex = labelColumn == null ? -1 : header.indexOf(labelColumn);
            GrowableFloats values = new GrowableFloats();
            List<String> labels = labelIndex < 0 ? null : new ArrayList<>();
            String[] row;
            while ((row = rows.next()) != null) {
                for (int column : columns) {
                    String problem = StrictNumbers.problem(row[column]);
                    if (problem != null) {
                        throw new DatasetException(source + " line " + rows.line() + ", column '" + header.get(column) + "' ("
                                + (column + 1) + "): " + problem);
                    }
                    values.add(StrictNumbers.parse(row[column]));
                }
                if (labels != null) {
                    labels.add(row[labelIndex]);
                }
            }
            if (values.size() == 0 && !featureNames.isEmpty()) {
                throw new DatasetException(source + ": no data rows after the header");
            }
            return new FeatureTable(source, featureNames, values.toArray(), labels);
        } catch (IOException e) {
            throw new DatasetException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** @return the name used in messages */
    public String source() {
        return source;
    }

    /** @return the number of rows */
    public int size() {
        return featureNames.isEmpty() ? 0 : values.length / featureNames.size();
    }

    /** @return a copy of the features, packed row after row in the model's column order */
    public float[] values() {
        return values.clone();
    }

    /** @return the label column's values as written, or null when the file has no label column */
    public List<String> labels() {
        return labels;
    }
}
