package io.trainstream.cli.train;

import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * The value of {@code --early-stopping}: {@code patience=3,threshold=0.001,metric=eval_loss_epoch,mode=min}
 * (every key optional; defaults patience 1, threshold 0.01, eval_loss_epoch, min).
 *
 * @param patience epochs without improvement before stopping, at least 0
 * @param threshold smallest absolute change that counts as improvement, at least 0
 * @param metric the watched metric
 * @param greaterIsBetter true for {@code mode=max}
 */
public record EarlyStoppingSpec(int patience, double threshold, String metric, boolean greaterIsBetter) {

    /** Validates. */
    public EarlyStoppingSpec {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be empty");
        }
    }

    /** @return the spec in the form {@link #parse} reads, e.g. {@code patience=3,threshold=0.001,metric=eval_loss_epoch,mode=min} */
    public String format() {
        return "patience=" + patience + ",threshold=" + threshold + ",metric=" + metric + ",mode=" + (greaterIsBetter ? "max" : "min");
    }

    /** @return a fresh callback with these settings */
    public EarlyStoppingCallback toCallback() {
        return new EarlyStoppingCallback(patience, threshold, metric, greaterIsBetter, true);
    }

    /**
     * @param text e.g. {@code patience=3,threshold=0.001}; empty for the defaults
     * @return the spec
     * @throws IllegalArgumentException naming the bad key or value
     */
    public static EarlyStoppingSpec parse(String text) {
        int patience = 1;
        double threshold = 0.01;
        String metric = "eval_loss_epoch";
        boolean greater = false;
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not key=value (keys: patience, threshold, metric, mode)");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "patience" -> patience = Integer.parseInt(value);
                    case "threshold" -> threshold = Double.parseDouble(value);
                    case "metric" -> metric = value;
                    case "mode" -> greater = mode(value);
                    default -> throw new IllegalArgumentException("unknown key '" + key + "' (keys: patience, threshold, metric, mode)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " '" + value + "' is not a number");
            }
        }
        return new EarlyStoppingSpec(patience, threshold, metric, greater);
    }

    private static boolean mode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "max" -> true;
            case "min" -> false;
            default -> throw new IllegalArgumentException("mode must be min or max, was '" + value + "'");
        };
    }

    /** Picocli converter: a bad value becomes a one-line usage error. */
    public static final class Converter implements ITypeConverter<EarlyStoppingSpec> {

        /** Creates the converter; picocli does this. */
        public Converter() {
        }

        /** {@inheritDoc} */
        @Override
        public EarlyStoppingSpec convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
