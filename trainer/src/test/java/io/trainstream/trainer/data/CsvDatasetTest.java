package io.trainstream.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CsvDatasetTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Nested
    class Reading {

        @Test
        void stringLabelsAreMappedToClassIndicesInSortedOrder() throws IOException {
            Path file = csv("flowers.csv", "a,b,species\n1,2,virginica\n3,4,setosa\n\n5,6,versicolor\n7,8,setosa\n");

            CsvDataset testSubject = CsvDataset.load(file, "species");

            assertThat(testSubject.classNames()).containsExactly("setosa", "versicolor", "virginica");
            assertThat(testSubject.featureNames()).containsExactly("a", "b");
            assertThat(testSubject.size()).isEqualTo(4);
            assertThat(testSubject.label(0)).isEqualTo(2);
            assertThat(testSubject.label(1)).isZero();
            assertThat(testSubject.features(2)).containsExactly(5f, 6f);
        }

        @Test
        void integerLabelsAreSortedNumericallySoDigitsKeepTheirValues() {
            CsvDataset testSubject = CsvDataset.read(new StringReader("label,x\n10,1\n9,2\n0,3\n"), "n.csv", "label");

            assertThat(testSubject.classNames()).containsExactly("0", "9", "10");
            assertThat(testSubject.label(0)).isEqualTo(2);
            assertThat(testSubject.numFeatures()).isEqualTo(1);
        }

        @Test
        void quotedValuesAndAByteOrderMarkAreRead() {
            CsvDataset testSubject = CsvDataset.read(new StringReader("\uFEFF\"x\",y,\"kind, long\"\n\"1.5\", 2 ,\"a, \"\"b\"\"\"\n3,4,c\n"),
                    "q.csv", "kind, long");

            assertThat(testSubject.classNames()).containsExactly("a, \"b\"", "c");
            assertThat(testSubject.features(0)).containsExactly(1.5f, 2f);
        }
    }

    @Nested
    class Errors {

        @Test
        void aMissingFileIsNamed() {
            Path missing = dir.resolve("nope.csv");

            assertThatThrownBy(() -> CsvDataset.load(missing, "label"))
                    .isInstanceOf(DatasetException.class).hasMessage(missing + ": no such file");
        }

        @Test
        void aMissingLabelColumnListsTheColumnsThereAre() throws IOException {
            Path file = csv("iris.csv", "sepal,petal,species\n1,2,a\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label"))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage(file + ": no label column 'label'; the columns are sepal, petal, species");
        }

        @Test
        void aNonNumericValueNamesLineAndColumn() throws IOException {
            Path file = csv("bad.csv", "x,y,label\n1,2,a\n3,abc,b\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label"))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage(file + " line 3, column 'y' (2): 'abc' is not a number");
        }

        @Test
        void aRaggedRowNamesItsLine() throws IOException {
            Path file = csv("ragged.csv", "x,y,label\n1,2,a\n3,b\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label"))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage(file + " line 3: 2 values, but the header has 3 columns");
        }

        @Test
        void anEmptyFileAndAHeaderWithoutRowsAreRefused() throws IOException {
            Path empty = csv("empty.csv", "\n\n");
            Path headerOnly = csv("header.csv", "x,label\n");

            assertThatThrownBy(() -> CsvDataset.load(empty, "label")).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(empty + ": the file is empty");
            assertThatThrownBy(() -> CsvDataset.load(headerOnly, "label")).isInstanceOf(DatasetException.class)
                    .hasMessage(headerOnly + ": no data rows after the header");
        }

        @Test
        void everyMessageIsOneLine() throws IOException {
            Path file = csv("bad.csv", "x,label\nfoo\nbar,1\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label")).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Nested
    class Splitting {

        private CsvDataset tenRows() {
            StringBuilder text = new StringBuilder("x,y,label\n");
            for (int i = 0; i < 10; i++) {
                text.append(i).append(',').append(i * 10).append(',').append(i % 2).append('\n');
            }
            return CsvDataset.read(new StringReader(text.toString()), "ten.csv", "label");
        }

        @Test
        void theSameSeedGivesTheSameSplitAndTheFractionIsKept() {
            try (NDManager manager = NDManager.newBaseManager()) {
                DatasetSplit a = tenRows().split(manager, 0.2, 7, FeatureScaling.NONE, 4);
                DatasetSplit b = tenRows().split(manager, 0.2, 7, FeatureScaling.NONE, 4);

                assertThat(a.trainSize()).isEqualTo(8);
                assertThat(a.evalSize()).isEqualTo(2);
                assertThat(data(a.eval(), manager).toFloatArray()).containsExactly(data(b.eval(), manager).toFloatArray());
            }
        }

        @Test
        void noEvalFractionMeansNoEvalDataset() {
            try (NDManager manager = NDManager.newBaseManager()) {
                DatasetSplit split = tenRows().split(manager, 0, 1, FeatureScaling.NONE, 4);

                assertThat(split.eval()).isNull();
                assertThat(split.trainSize()).isEqualTo(10);
            }
        }

        @Test
        void maxAbsScalingIsFittedOnTheTrainingRows() {
            try (NDManager manager = NDManager.newBaseManager()) {
                DatasetSplit split = tenRows().split(manager, 0, 1, FeatureScaling.MAX_ABS, 4);

                NDArray x = data(split.train(), manager);
                assertThat(x.max().getFloat()).isEqualTo(1f);
                assertThat(x.min().getFloat()).isEqualTo(0f);
            }
        }

        @Test
        void standardisedTrainingColumnsHaveMeanZeroAndUnitDeviation() {
            try (NDManager manager = NDManager.newBaseManager()) {
                DatasetSplit split = tenRows().split(manager, 0.3, 3, FeatureScaling.STANDARDIZE, 4);

                NDArray x = data(split.train(), manager);
                float[] means = x.mean(new int[] {0}).toFloatArray();
                float[] deviations = x.sub(x.mean(new int[] {0})).pow(2).mean(new int[] {0}).sqrt().toFloatArray();
                assertThat(means[0]).isCloseTo(0f, within(1e-5f));
                assertThat(deviations[1]).isCloseTo(1f, within(1e-5f));
            }
        }

        private NDArray data(ArrayDataset dataset, NDManager manager) {
            int n = (int) dataset.size();
            NDArray first = dataset.get(manager, 0).getData().head();
            NDArray all = first.expandDims(0);
            for (int i = 1; i < n; i++) {
                all = all.concat(dataset.get(manager, i).getData().head().expandDims(0));
            }
            return all;
        }
    }
}
