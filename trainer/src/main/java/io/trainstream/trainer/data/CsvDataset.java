package io.trainstream.trainer.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A dataset read from a CSV file with a header row: every column but the label column is a float
 * feature. For {@link Task#CLASSIFICATION} the label column holds class labels, integers or strings,
 * mapped to class indices 0..k-1 in sorted order (numeric order when every label is an integer, so the
 * labels 0..9 of the digits set keep their values; {@link #classNames()} gives the mapping back); for
 * {@link Task#REGRESSION} it holds the numbers to predict.
 *
 * <pre>{@code
 * CsvDataset iris = CsvDataset.load(Path.of("iris.csv"), "species");
 * DatasetSplit split = iris.split(manager, 0.2, 42, FeatureScaling.STANDARDIZE, 32);
 * }</pre>
 *
 * <p>The file is streamed: values are kept as packed floats (4 bytes each), never as text, so 100,000
 * rows of 64 features take about 26 MB. Features must be finite numbers in plain decimal notation. Every
 * failure is a {@link DatasetException} whose one-line message names the file, line and column.
 * Immutable: {@link #split} copies the values before scaling them.
 */
public final class CsvDataset {

    private final String source;
    private final String labelColumn;
    private final List<String> featureNames;
    private final Task task;
    private final List<String> classNames;
    private final float[] features;
    private final float[] targets;

    CsvDataset(String source, String labelColumn, List<String> featureNames, Task task, List<String> classNames,
            float[] features, float[] targets) {
        this.source = source;
        this.labelColumn = labelColumn;
        this.featureNames = List.copyOf(featureNames);
        this.task = task;
        this.classNames = List.copyOf(classNames);
        this.features = features;
        this.targets = targets;
    }

    /**
     * @param file a CSV file with a header row
     * @param labelColumn the name of the label column
     * @return the dataset, with the delimiter and the task detected
     * @throws DatasetException when the file is missing, empty or malformed, or lacks the label column
     */
    public static CsvDataset load(Path file, String labelColumn) {
        return load(file, CsvOptions.of(labelColumn));
    }

    /**
     * @param file a UTF-8 CSV file with a header row
     * @param options the label column, delimiter and task
     * @return the dataset
     * @throws DatasetException when the file is missing, empty, not UTF-8 or malformed, lacks the label
     *     column, holds a value that is not a finite number, or (classification) a single class
     */
    public static CsvDataset load(Path file, CsvOptions options) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), options);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads UTF-8 CSV bytes, e.g. a resource bundled in a jar.
     *
     * @param in the bytes; not closed
     * @param source the name used in error messages
     * @param options the label column, delimiter and task
     * @return the dataset
     * @throws DatasetException as {@link #load(Path, CsvOptions)}
     */
    public static CsvDataset read(InputStream in, String source, CsvOptions options) {
        try {
            return CsvDatasetReader.read(CsvRowReader.open(new NonClosingInputStream(in), source, options.delimiter()), source,
                    options);
        } catch (IOException e) {
            throw new DatasetException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads CSV text.
     *
     * @param reader the text; not closed
     * @param source the name used in error messages
     * @param labelColumn the name of the label column
     * @return the dataset
     * @throws DatasetException when the text is empty or malformed, or lacks the label column
     */
    public static CsvDataset read(Reader reader, String source, String labelColumn) {
        return read(reader, source, CsvOptions.of(labelColumn));
    }

    /**
     * Reads CSV text.
     *
     * @param reader the text; not closed
     * @param source the name used in error messages
     * @param options the label column, delimiter and task
     * @return the dataset
     * @throws DatasetException as {@link #load(Path, CsvOptions)}
     */
    public static CsvDataset read(Reader reader, String source, CsvOptions options) {
        try {
            Reader open = new java.io.FilterReader(reader) {
                @Override
                public void close() {
                    // the caller owns the reader
                }
            };
            return CsvDatasetReader.read(CsvRowReader.open(open, source, options.delimiter()), source, options);
        } catch (IOException e) {
            throw new DatasetException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Shuffles the rows with a seed, splits off an evaluation part, fits the scaling on the training
     * part and applies it to both, and builds DJL datasets (features float32 of shape (n, features),
     * labels float32 of shape (n): class indices, or the regression targets).
     *
     * @param manager owns the arrays of the returned datasets
     * @param evalFraction the fraction of rows for evaluation, in [0, 1); 0 for none; at least one row
     *     when positive
     * @param seed the shuffle seed: the same seed gives the same split
     * @param scaling how to scale the features
     * @param batchSize the datasets' batch size
     * @return the split, with the fitted scaling
     * @throws DatasetException when too few rows remain for training
     */
    public DatasetSplit split(NDManager manager, double evalFraction, long seed, FeatureScaling scaling, int batchSize) {
        if (!(evalFraction >= 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("evalFraction must be in [0, 1), was " + evalFraction);
        }
        int n = targets.length;
        int evalSize = evalFraction == 0 ? 0 : Math.max(1, (int) Math.round(n * evalFraction));
        if (n - evalSize < 1) {
            throw new DatasetException(source + ": " + n + " rows are too few for an evaluation fraction of " + evalFraction);
        }
        int[] order = shuffled(n, seed);
        int[] trainRows = Arrays.copyOfRange(order, evalSize, n);
        int[] evalRows = Arrays.copyOfRange(order, 0, evalSize);
        float[] trainX = gather(trainRows);
        FittedScaling fitted = Objects.requireNonNull(scaling, "scaling").fit(trainX, numFeatures());
        fitted.apply(trainX);
        ArrayDataset train = toArrayDataset(manager, trainX, trainRows, batchSize);
        ArrayDataset eval = null;
        if (evalSize > 0) {
            float[] evalX = gather(evalRows);
            fitted.apply(evalX);
            eval = toArrayDataset(manager, evalX, evalRows, batchSize);
        }
        return new DatasetSplit(train, eval, trainRows.length, evalSize, fitted);
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

    private float[] gather(int[] rows) {
        int width = numFeatures();
        float[] x = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, x, i * width, width);
        }
        return x;
    }

    private ArrayDataset toArrayDataset(NDManager manager, float[] x, int[] rows, int batchSize) {
        float[] y = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = targets[rows[i]];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(rows.length, numFeatures())))
                .optLabels(manager.create(y, new Shape(rows.length)))
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

    /** @return classification or regression, as given or as chosen from the labels */
    public Task task() {
        return task;
    }

    /** @return the labels as written in the file, the position of each its class index; empty for regression */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of feature columns */
    public int numFeatures() {
        return featureNames.size();
    }

    /** @return the number of distinct labels (classification), 0 for regression */
    public int numClasses() {
        return classNames.size();
    }

    /** @return the number of data rows */
    public int size() {
        return targets.length;
    }

    /**
     * @param row a row index, 0-based in file order
     * @return that row's class index (classification)
     */
    public int label(int row) {
        return (int) targets[row];
    }

    /**
     * @param row a row index, 0-based in file order
     * @return that row's target: the class index, or the regression value
     */
    public float target(int row) {
        return targets[row];
    }

    /**
     * @param row a row index, 0-based in file order
     * @return a copy of that row's unscaled features
     */
    public float[] features(int row) {
        return Arrays.copyOfRange(features, row * numFeatures(), (row + 1) * numFeatures());
    }

    /** Lets a reader close what it wraps without closing the caller's stream. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
