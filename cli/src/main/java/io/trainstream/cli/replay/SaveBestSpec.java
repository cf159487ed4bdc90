package io.trainstream.cli.replay;

import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The value of {@code whatif --save-best}: {@code metric=eval_loss_epoch,mode=min} (both optional).
 *
 * @param metric the watched metric
 * @param greaterIsBetter true for {@code mode=max}
 */
public record SaveBestSpec(String metric, boolean greaterIsBetter) {

    /** @return a fresh callback; the what-if runs it dry, so nothing is saved */
    public SaveBestModelCallback toCallback() {
        return new SaveBestModelCallback(Path.of("whatif-best-model.zip"), metric, greaterIsBetter);
    }

    /**
     * @param text e.g. {@code metric=accuracy,mode=max}
     * @return the spec
     * @throws IllegalArgumentException naming the bad key or value
     */
    public static SaveBestSpec parse(String text) {
        String metric = "eval_loss_epoch";
        boolean greater = false;
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not key=value (keys: metric, mode)");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "metric" -> metric = value;
                case "mode" -> greater = switch (value.toLowerCase(Locale.ROOT)) {
                    case "max" -> true;
                    case "min" -> false;
                    default -> throw new IllegalArgumentException("mode must be min or max, was '" + value + "'");
                };
                default -> throw new IllegalArgumentException("unknown key '" + key + "' (keys: metric, mode)");
            }
        }
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be empty");
        }
        return new SaveBestSpec(metric, greater);
    }

    /** Picocli converter: a bad value becomes a one-line usage error. */
    public static final class Converter implements ITypeConverter<SaveBestSpec> {

        /** Creates the converter; picocli does this. */
        public Converter() {
        }

        /** {@inheritDoc} */
        @Override
        public SaveBestSpec convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
