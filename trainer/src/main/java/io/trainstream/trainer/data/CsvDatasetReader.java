package io.trainstream.trainer.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns streamed CSV rows into a {@link CsvDataset}: checks every feature cell (finite, plain decimal),
 * keeps features as packed floats, and resolves the label column into class indices or regression targets.
 */
final class CsvDatasetReader {

    private CsvDatasetReader() {
    }

    static CsvDataset read(CsvRowReader rows, String source, CsvOptions options) throws IOException {
        try (rows) {
            String labelColumn = options.labelColumn();
            List<String> header = rows.header();
            int labelIndex = header.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw new DatasetException(source + ": no label column '" + labelColumn + "'; the columns are "
                        + String.join(", ", header));
            }
            if (header.size() < 2) {
                throw new DatasetException(source + ": only the label column '" + labelColumn + "', no feature columns");
            }
            List<String> featureNames = new ArrayList<>(header);
            featureNames.remove(labelIndex);
            GrowableFloats features = new GrowableFloats();
            List<String> labels = new ArrayList<>();
            Map<String, String> distinct = new HashMap<>();
            String[] row;
            while ((row = rows.next()) != null) {
                for (int c = 0; c < row.length; c++) {
                    if (c != labelIndex) {
                        features.add(cell(row[c], source, rows.line(), header, c));
                    }
                }
                String label = row[labelIndex];
                if (label.isEmpty()) {
                    throw new DatasetException(at(source, rows.line(), header, labelIndex) + "empty label");
                }
                if (options.task() == Task.REGRESSION) {
                    cell(label, source, rows.line(), header, labelIndex);
                }
                labels.add(distinct.computeIfAbsent(label, key -> key));
            }
            if (labels.isEmpty()) {
                throw new DatasetException(source + ": no data rows after the header");
            }
            Task task = options.task() != null ? options.task() : chooseTask(distinct.keySet());
            if (task == Task.REGRESSION) {
                float[] targets = new float[labels.size()];
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = StrictNumbers.parse(labels.get(i));
                }
                return new CsvDataset(source, labelColumn, featureNames, task, List.of(), features.toArray(), targets);
            }
            List<String> classNames = classNames(distinct.keySet());
            if (classNames.size() < 2) {
                throw new DatasetException(source + ": the label column '" + labelColumn + "' holds a single class ('"
                        + classNames.get(0) + "') in all " + labels.size() + " rows; a classifier needs at least two");
            }
            Map<String, Integer> index = new HashMap<>();
            classNames.forEach(name -> index.put(name, index.size()));
            float[] targets = new float[labels.size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = index.get(labels.get(i));
            }
            return new CsvDataset(source, labelColumn, featureNames, task, classNames, features.toArray(), targets);
        }
    }

    private static float cell(String text, String source, long line, List<String> header, int column) {
        String problem = StrictNumbers.problem(text);
        if (problem != null) {
            throw new DatasetException(at(source, line, header, column) + problem);
        }
        return StrictNumbers.parse(text);
    }

    private static String at(String source, long line, List<String> header, int column) {
        return source + " line " + line + ", column '" + header.get(column) + "' (" + (column + 1) + "): ";
    }

    /** Regression when every label is a finite number and some have a fractional part; classification otherwise. */
    private static Task chooseTask(Set<String> labels) {
        boolean fractional = false;
        for (String label : labels) {
            if (StrictNumbers.problem(label) != null) {
                return Task.CLASSIFICATION;
            }
            float value = StrictNumbers.parse(label);
            fractional |= value != Math.rint(value);
        }
        return fractional ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    private static List<String> classNames(Set<String> labels) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(labels));
        boolean integers = names.stream().allMatch(CsvDatasetReader::isInteger);
        names.sort(integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        return names;
    }

    private static boolean isInteger(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
