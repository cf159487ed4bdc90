package io.trainstream.consumers.replay;

import io.trainstream.events.history.RunHistory;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Draws a replayed run as one PNG: the per-step train loss on top, every per-epoch metric below
 * (JFreeChart, headless).
 */
public final class HistoryPlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 400;

    private HistoryPlot() {}

    /**
     * @param replay the replayed run
     * @param title the chart title (e.g. the run id)
     * @param file the PNG to write
     */
    public static void writePng(RunReplay replay, String title, Path file) {
        XYSeries steps = new XYSeries("train loss per step");
        for (double[] point : replay.stepLosses()) {
            if (Double.isFinite(point[1])) {
                steps.add(point[0], point[1]);
            }
        }
        JFreeChart stepChart = ChartFactory.createXYLineChart(title + " — train loss per step", "train step", "loss",
                new XYSeriesCollection(steps), PlotOrientation.VERTICAL, true, false, false);
        JFreeChart epochChart = ChartFactory.createXYLineChart(title + " — metrics per epoch", "epoch", "value",
                epochSeries(replay.history()), PlotOrientation.VERTICAL, true, false, false);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, WIDTH, HEIGHT * 2);
        stepChart.draw(graphics, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        epochChart.draw(graphics, new java.awt.geom.Rectangle2D.Double(0, HEIGHT, WIDTH, HEIGHT));
        graphics.dispose();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file.toAbsolutePath(), e);
        }
    }

    private static XYSeriesCollection epochSeries(RunHistory history) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (String name : new TreeSet<>(history.metricNames())) {
            XYSeries series = new XYSeries(name);
            List<Double> values = history.metricValues(name);
            for (int i = 0; i < values.size(); i++) {
                if (Double.isFinite(values.get(i))) {
                    series.add(i + 1, values.get(i));
                }
            }
            collection.addSeries(series);
        }
        return collection;
    }
}
