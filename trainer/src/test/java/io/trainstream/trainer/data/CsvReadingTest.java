package io.trainstream.trainer.data;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the CSV reader accepts (quoting, delimiters, tasks) and what it refuses, each with a one-line message. */
class CsvReadingTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Nested
    class Format {

        @Test
        void aQuotedLabelMaySpanLinesAndLaterRowsKeepTheirLineNumbers() throws IOException {
            Path file = csv("multi.csv", "x,label\n1,\"two\nlines\"\n2,plain\n3,oops\n");
            Path bad = csv("bad.csv", "x,label\n1,\"two\nlines\"\n2,plain\nzz,b\n");

            CsvDataset testSubject = CsvDataset.load(file, "label");

            assertThat(testSubject.classNames()).containsExactly("oops", "plain", "two\nlines");
            assertThatThrownBy(() -> CsvDataset.load(bad, "label")).hasMessage(bad + " line 5, column 'x' (1): 'zz' is not a number");
        }

        @Test
        void aSemicolonFileIsDetected() throws IOException {
            Path file = csv("semi.csv", "a;b;label\n1,5;2;x\n3;4;y\n".replace("1,5", "1.5"));

            CsvDataset testSubject = CsvDataset.load(file, "label");

            assertThat(testSubject.featureNames()).containsExactly("a", "b");
            assertThat(testSubject.features(0)).containsExactly(1.5f, 2f);
        }

        @Test
        void aTabFileIsDetectedAndAGivenDelimiterWins() throws IOException {
            Path tabs = csv("tabs.tsv", "a\tb\tlabel\n1\t2\tx\n3\t4\ty\n");
            Path pipes = csv("pipes.csv", "a|b,c|label\n1|2|x\n3|4|y\n");

            assertThat(CsvDataset.load(tabs, "label").numFeatures()).isEqualTo(2);
            assertThat(CsvDataset.load(pipes, CsvOptions.of("label").withDelimiter('|')).featureNames()).containsExactly("a", "b,c");
        }

        @Test
        void aHeaderOfNumbersIsReportedAsAMissingHeader() throws IOException {
            Path file = csv("noheader.csv", "1,2,3\n4,5,6\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label")).isInstanceOf(DatasetException.class)
                    .hasMessage(file + " line 1: the first row holds only numbers; a header row naming the columns is required");
        }

        @Test
        void anUnclosedQuoteIsAOneLineError() throws IOException {
            Path file = csv("quote.csv", "x,label\n1,a\n2,\"b\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label")).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(file + " line ").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void latin1BytesAreRefusedAsNotUtf8() throws IOException {
            Path file = dir.resolve("latin1.csv");
            Files.write(file, "x,label\n1,caf\u00e9\n2,b\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThatThrownBy(() -> CsvDataset.load(file, "label")).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(file + ": not UTF-8 text");
        }
    }

    @Nested
    class Values {

        @Test
        void nonFiniteAndOddNumberFormsAreRefusedWithLineAndColumn() throws IOException {
            String[] bad = {"NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", "1e40", "1,5", ""};
            for (String value : bad) {
                Path file = csv("v.csv", "x,y,label\n1,2,a\n3,\"" + value + "\",b\n");

                assertThatThrownBy(() -> CsvDataset.load(file, "label")).as(value).isInstanceOf(DatasetException.class)
                        .hasMessageStartingWith(file + " line 3, column 'y' (2): ");
            }
        }

        @Test
        void anOverflowSaysSo() throws IOException {
            Path file = csv("big.csv", "x,label\n1e40,a\n2,b\n");

            assertThatThrownBy(() -> CsvDataset.load(file, "label")).hasMessage(file
                    + " line 2, column 'x' (1): '1e40' overflows a 32-bit float (largest magnitude ~3.4e38)");
        }

        @Test
        void plainDecimalFormsAreRead() {
            CsvDataset testSubject = CsvDataset.read(new StringReader("a,b,c,label\n-1.5,.5,2e-3,x\n+4,5.,1E2,y\n"), "ok.csv", "label");

            assertThat(testSubject.features(0)).containsExactly(-1.5f, 0.5f, 0.002f);
            assertThat(testSubject.features(1)).containsExactly(4f, 5f, 100f);
        }
    }

    @Nested
    class Tasks {

        @Test
        void aFractionalNumericLabelIsRegression() {
            CsvDataset testSubject = CsvDataset.read(new StringReader("x,y\n1,0.5\n2,1.25\n3,7\n"), "r.csv", "y");

            assertThat(testSubject.task()).isEqualTo(Task.REGRESSION);
            assertThat(testSubject.numClasses()).isZero();
            assertThat(testSubject.target(1)).isEqualTo(1.25f);
        }

        @Test
        void integerLabelsStayClassesUnlessRegressionIsAskedFor() {
            String text = "x,y\n1,3\n2,5\n3,3\n";

            assertThat(CsvDataset.read(new StringReader(text), "c.csv", "y").task()).isEqualTo(Task.CLASSIFICATION);
            CsvDataset forced = CsvDataset.read(new StringReader(text), "c.csv", CsvOptions.of("y").withTask(Task.REGRESSION));
            assertThat(forced.task()).isEqualTo(Task.REGRESSION);
            assertThat(forced.target(1)).isEqualTo(5f);
        }

        @Test
        void aNonNumericLabelUnderRegressionNamesItsLine() {
            assertThatThrownBy(() -> CsvDataset.read(new StringReader("x,y\n1,2\n2,abc\n"), "r.csv",
                    CsvOptions.of("y").withTask(Task.REGRESSION)))
                    .hasMessage("r.csv line 3, column 'y' (2): 'abc' is not a number");
        }

        @Test
        void aSingleClassIsRefused() {
            assertThatThrownBy(() -> CsvDataset.read(new StringReader("x,y\n1,a\n2,a\n"), "one.csv", "y"))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("one.csv: the label column 'y' holds a single class ('a') in all 2 rows; a classifier needs at least two");
        }
    }
}
