package io.trainstream.trainer.data;

/**
 * How to read a CSV dataset.
 *
 * @param labelColumn the label column's name (required by {@link CsvDataset})
 * @param delimiter the field delimiter, or null to detect it from the header row (one of {@code , ; TAB |})
 * @param task the task, or null to choose it from the label values: {@link Task#REGRESSION} when every label
 *     is a number and some are not integers, {@link Task#CLASSIFICATION} otherwise
 */
public record CsvOptions(String labelColumn, Character delimiter, Task task) {

    /** Checks the delimiter. */
    public CsvOptions {
        if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
    }

    /**
     * @param labelColumn the label column
     * @return options with a detected delimiter and task
     */
    public static CsvOptions of(String labelColumn) {
        return new CsvOptions(labelColumn, null, null);
    }

    /** @param column the label column @return a copy with that label column */
    public CsvOptions withLabelColumn(String column) {
        return new CsvOptions(column, delimiter, task);
    }

    /** @param value the delimiter, or null to detect it @return a copy with that delimiter */
    public CsvOptions withDelimiter(Character value) {
        return new CsvOptions(labelColumn, value, task);
    }

    /** @param value the task, or null to choose it from the labels @return a copy with that task */
    public CsvOptions withTask(Task value) {
        return new CsvOptions(labelColumn, delimiter, value);
    }
}
