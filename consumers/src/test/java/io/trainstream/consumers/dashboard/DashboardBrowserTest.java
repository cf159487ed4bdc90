package io.trainstream.consumers.dashboard;

import io.trainstream.schemas.avro.RunEndStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium: pages load, a live run's chart gains points as events
 * arrive, hostile names render as text, and screenshots are kept in {@code target/screenshots/}.
 * Skipped (with the reason) only where /usr/bin/chromium or /usr/bin/chromedriver is missing.
 */
class DashboardBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static DashboardState state;
    private static DashboardServer server;
    private static ChromeDriver driver;
    private static TestEvents live;
    private static TestEvents hostile;

    @BeforeAll
    static void startServerAndBrowser(@TempDir Path profile) throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "assumption: Debian's chromium and chromedriver are installed (apt-get install -y chromium "
                        + "chromium-driver); they are missing here, so the real-browser test is skipped");
        state = new DashboardState();
        server = DashboardServer.builder(state).optPort(0).build().start();
        live = new TestEvents("run-live");
        state.accept(TestEvents.typed(live.runStart("mlp-digits lr=0.01")));
        for (int i = 0; i < 40; i++) {
            state.accept(TestEvents.typed(live.trainStep(loss(i))));
        }
        state.accept(TestEvents.typed(live.metric("train_loss_epoch", 1.2)));
        state.accept(TestEvents.typed(live.metric("eval_loss_epoch", 1.3)));
        state.accept(TestEvents.typed(live.metric("accuracy", 0.55)));
        state.accept(TestEvents.typed(live.epochEnd()));
        hostile = new TestEvents("run-hostile");
        state.accept(TestEvents.typed(hostile.runStart(TestEvents.HOSTILE_NAME)));
        for (int i = 0; i < 10; i++) {
            state.accept(TestEvents.typed(hostile.trainStep(1.0 / (i + 1))));
        }
        state.accept(TestEvents.typed(hostile.metric(TestEvents.HOSTILE_METRIC, 0.5)));
        state.accept(TestEvents.typed(hostile.custom("verify_train_batch", Map.of("<b>field</b>", TestEvents.HOSTILE_NAME))));
        state.accept(TestEvents.typed(hostile.runEnd(RunEndStatus.FAILED, "<script>window.pwned=5</script>")));
        driver = HeadlessChromium.start(profile.resolve("chromium-profile"));
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static double loss(int step) {
        return 2.0 * Math.exp(-step / 60.0) + 0.05 * Math.sin(step / 3.0);
    }

    @Test
    void runsPageListsTheRunsWithTheirStatus() throws Exception {
        driver.get(server.url());

        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("tr[data-run-row]")).size() == 2);
        List<String> names = driver.findElements(By.cssSelector("a.run-name")).stream().map(WebElement::getText).toList();

        assertThat(names).contains("mlp-digits lr=0.01");
        assertThat(driver.findElement(By.cssSelector("#runs-table")).getText()).contains("running", "failed");
        screenshot("runs.png");
    }

    @Test
    void aLiveRunsChartGainsPointsAsEventsArrive() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 1500));
        driver.get(server.url() + "runs/run-live");
        WebElement chart = driver.findElement(By.id("loss-chart"));
        new WebDriverWait(driver, WAIT).until(d -> points(chart) == 40);

        Thread feeder = new Thread(() -> {
            for (int i = 40; i < 100; i++) {
                state.accept(TestEvents.typed(live.trainStep(loss(i))));
                if (i % 20 == 19) {
                    state.accept(TestEvents.typed(live.metric("train_loss_epoch", loss(i))));
                    state.accept(TestEvents.typed(live.metric("eval_loss_epoch", loss(i) + 0.1)));
                    state.accept(TestEvents.typed(live.metric("accuracy", 0.55 + i / 300.0)));
                    state.accept(TestEvents.typed(live.epochEnd()));
                }
                sleep(15);
            }
        });
        feeder.start();
        new WebDriverWait(driver, WAIT).until(d -> points(chart) > 40);
        feeder.join(WAIT.toMillis());
        new WebDriverWait(driver, WAIT).until(d -> points(chart) == 100);

        assertThat(driver.findElement(By.id("run-title")).getText()).isEqualTo("mlp-digits lr=0.01");
        assertThat(driver.findElements(By.cssSelector("#metric-charts .metric"))).hasSize(3);
        assertThat(uplotPoints("#loss-chart")).isEqualTo(100);
        assertThat(driver.findElement(By.id("config-table")).getText()).contains("num_epochs", "mixed_precision");
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("events-table")).getText().contains("train_step_end"));
        Path shot = screenshot("run-page.png");
        driver.manage().window().setSize(new Dimension(1280, 800));
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    void hostileRunAndMetricNamesRenderAsTextAndRunNoScript() throws Exception {
        driver.get(server.url() + "runs/run-hostile");
        new WebDriverWait(driver, WAIT).until(d -> points(d.findElement(By.id("loss-chart"))) == 10);
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#metric-charts .metric h3")).isEmpty());
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("events-table")).getText().contains("verify_train_batch"));

        assertThat(driver.findElement(By.id("run-title")).getText()).isEqualTo(TestEvents.HOSTILE_NAME);
        assertThat(driver.getTitle()).startsWith(TestEvents.HOSTILE_NAME);
        assertThat(driver.findElement(By.cssSelector("#metric-charts .metric h3")).getText()).isEqualTo(TestEvents.HOSTILE_METRIC);
        assertThat(driver.findElement(By.id("events-table")).getText()).contains("<b>field</b>");
        assertThat(driver.findElement(By.id("run-status")).getText()).contains("<script>window.pwned=5</script>");
        assertNoInjection();

        driver.get(server.url());
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("tr[data-run-row]")).size() == 2);
        assertThat(driver.findElements(By.cssSelector("a.run-name")).stream().map(WebElement::getText))
                .contains(TestEvents.HOSTILE_NAME);
        assertNoInjection();
        screenshot("hostile-names.png");
    }

    @Test
    void comparePageOverlaysTheRunsCurves() throws Exception {
        driver.get(server.url() + "compare?runs=run-live,run-hostile");

        WebElement loss = driver.findElement(By.id("compare-loss"));
        new WebDriverWait(driver, WAIT).until(d -> points(loss) >= 40);
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#compare-metrics .metric")).size() == 4);

        assertThat(driver.findElement(By.id("compare-loss")).getText()).contains("mlp-digits lr=0.01", TestEvents.HOSTILE_NAME);
        assertNoInjection();
        screenshot("compare.png");
    }

    private static void assertNoInjection() {
        JavascriptExecutor js = driver;
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(js.executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(js.executeScript("return document.querySelectorAll('img').length")).isEqualTo(0L);
        assertThat(js.executeScript("return document.querySelectorAll('main script, main b').length")).isEqualTo(0L);
    }

    private static int points(WebElement chart) {
        String value = chart.getDomAttribute("data-points");
        return value == null ? -1 : Integer.parseInt(value);
    }

    private static long uplotPoints(String selector) {
        Object n = driver.executeScript("var c = document.querySelector(arguments[0]);"
                + "return c.querySelectorAll('canvas').length > 0 ? Number(c.getAttribute('data-points')) : -1;", selector);
        return (Long) n;
    }

    private static Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
