package io.trainstream.trainer.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A classification dataset read from a CSV file with a header row: every column but the label column
 * is a float feature; the label column holds class labels, integers or strings. Distinct labels are
 * mapped to class indices 0..k-1 in sorted order (numeric order when every label is an integer, so the
 * labels 0..9 of the digits set keep their values); {@link #classNames()} gives the mapping back.
 *
 * <pre>{@code
 * CsvDataset iris = CsvDataset.load(Path.of("iris.csv"), "species");
 * DatasetSplit split = iris.split(manager, 0.2, 42, FeatureScaling.STANDARDIZE, 32);
 * }</pre>
 *
 * <p>Every failure is a {@link DatasetException} whose one-line message names the file, line and
 * column. Immutable: {@link #split} copies the values before scaling them.
 */
public final class CsvDataset {

    private final String source;
    private final String labelColumn;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final float[][] features;
    private final int[] labels;

    private CsvDataset(String source, String labelColumn, List<String> featureNames, List<String> classNames,
            float[][] features, int[] labels) {
        this.source = source;
        this.labelColumn = labelColumn;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
        this.features = features;
        this.labels = labels;
    }

    /**
     * @param file a CSV file with a header row
     * @param labelColumn the name of the label column
     * @return the dataset
     * @throws DatasetException when the file is missing, empty or malformed, or lacks the label column
     */
    public static CsvDataset load(Path file, String labelColumn) {
        Objects.requireNonNull(file, "file");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), labelColumn);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads CSV text, e.g. a resource bundled in a jar.
     *
     * @param reader the text; not closed
     * @param source the name used in error messages
     * @param labelColumn the name of the label column
     * @return the dataset
     * @throws DatasetException when the text is empty or malformed, or lacks the label column
     */
    public static CsvDataset read(Reader reader, String source, String labelColumn) {
        Objects.requireNonNull(labelColumn, "labelColumn");
        CsvRows csv;
        try {
            csv = CsvRows.read(reader instanceof BufferedReader b ? b : new BufferedReader(reader), source);
        } catch (IOException e) {
            throw new DatasetException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
        int labelIndex = csv.header().indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new DatasetException(source + ": no label column '" + labelColumn + "'; the columns are "
                    + String.join(", ", csv.header()));
        }
        if (csv.header().size() < 2) {
            throw new DatasetException(source + ": only the label column '" + labelColumn + "', no feature columns");
        }
        List<String> featureNames = new ArrayList<>(csv.header());
        featureNames.remove(labelIndex);
        List<String> classNames = classNames(csv, labelIndex);
        Map<String, Integer> classIndex = new HashMap<>();
        classNames.forEach(name -> classIndex.put(name, classIndex.size()));
        float[][] features = new float[csv.rows().size()][];
        int[] labels = new int[csv.rows().size()];
        for (int r = 0; r < features.length; r++) {
            CsvRows.Row row = csv.rows().get(r);
            features[r] = featureValues(csv, row, labelIndex);
            labels[r] = classIndex.get(row.cells().get(labelIndex));
        }
        return new CsvDataset(source, labelColumn, featureNames, classNames, features, labels);
    }

    private static List<String> classNames(CsvRows csv, int labelIndex) {
        Set<String> distinct = new LinkedHashSet<>();
        for (CsvRows.Row row : csv.rows()) {
            String label = row.cells().get(labelIndex);
            if (label.isEmpty()) {
                throw new DatasetException(csv.source() + " line " + row.line() + ", column '" + csv.header().get(labelIndex)
                        + "' (" + (labelIndex + 1) + "): empty label");
            }
            distinct.add(label);
        }
        List<String> names = new ArrayList<>(distinct);
        boolean integers = names.stream().allMatch(CsvDataset::isInteger);
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

    private static float[] featureValues(CsvRows csv, CsvRows.Row row, int labelIndex) {
        float[] values = new float[csv.header().size() - 1];
        int f = 0;
        for (int c = 0; c < csv.header().size(); c++) {
            if (c == labelIndex) {
                continue;
            }
            String cell = row.cells().get(c);
            try {
                values[f++] = Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                throw new DatasetException(csv.source() + " line " + row.line() + ", column '" + csv.header().get(c) + "' ("
                        + (c + 1) + "): '" + cell + "' is not a number");
            }
        }
        return values;
    }

    /**
     * Shuffles the rows with a seed, splits off an evaluation part, fits the scaling on the training
     * part and applies it to both, and builds DJL datasets (features float32 of shape (n, features),
     * labels float32 class indices of shape (n)).
     *
     * @param manager owns the arrays of the returned datasets
     * @param evalFraction the fraction of rows for evaluation, in [0, 1); 0 for none; at least one row
     *     when positive
     * @param seed the shuffle seed: the same seed gives the same split
     * @param scaling how to scale the features
     * @param batchSize the datasets' batch size
     * @return the split
     * @throws DatasetException when too few rows remain for training
     */
    public DatasetSplit split(NDManager manager, double evalFraction, long seed, FeatureScaling scaling, int batchSize) {
        if (!(evalFraction >= 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("evalFraction must be in [0, 1), was " + evalFraction);
        }
        int n = labels.length;
        int evalSize = evalFraction == 0 ? 0 : Math.max(1, (int) Math.round(n * evalFraction));
        if (n - evalSize < 1) {
            throw new DatasetException(source + ": " + n + " rows are too few for an evaluation fraction of " + evalFraction);
        }
        int[] order = shuffled(n, seed);
        int[] trainRows = java.util.Arrays.copyOfRange(order, evalSize, n);
        int[] evalRows = java.util.Arrays.copyOfRange(order, 0, evalSize);
        float[][] scaled = new float[n][];
        for (int i = 0; i < n; i++) {
            scaled[i] = features[i].clone();
        }
        Objects.requireNonNull(scaling, "scaling").fitAndApply(scaled, trainRows);
        ArrayDataset train = toArrayDataset(manager, scaled, trainRows, batchSize);
        ArrayDataset eval = evalSize == 0 ? null : toArrayDataset(manager, scaled, evalRows, batchSize);
        return new DatasetSplit(train, eval, trainRows.length, evalSize);
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private ArrayDataset toArrayDataset(NDManager manager, float[][] rows, int[] which, int batchSize) {
        int width = featureNames.size();
        float[] x = new float[which.length * width];
        float[] y = new float[which.length];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(rows[which[i]], 0, x, i * width, width);
            y[i] = labels[which[i]];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(which.length, width)))
                .optLabels(manager.create(y, new Shape(which.length)))
                .setSampling(batchSize, false)
                .build();
    }

    /** @return the file name the rows came from */
    public String source() {
        return source;
    }

    /** @return the label column's name */
    public String labelColumn() {
        return labelColumn;
    }

    /** @return the feature columns' names, in file order */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the labels as written in the file; the position of each is its class index */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of feature columns */
    public int numFeatures() {
        return featureNames.size();
    }

    /** @return the number of distinct labels */
    public int numClasses() {
        return classNames.size();
    }

    /** @return the number of data rows */
    public int size() {
        return labels.length;
    }

    /**
     * @param row a row index, 0-based in file order
     * @return that row's class index
     */
    public int label(int row) {
        return labels[row];
    }

    /**
     * @param row a row index, 0-based in file order
     * @return a copy of that row's unscaled features
     */
    public float[] features(int row) {
        return features[row].clone();
    }
}
