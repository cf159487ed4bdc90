package io.trainstream.cli.train;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Reads {@code --delimiter}: one character, or {@code tab} / {@code \t} for a tab. */
public final class DelimiterConverter implements ITypeConverter<Character> {

    /** Creates the converter; picocli does this. */
    public DelimiterConverter() {
    }

    /** {@inheritDoc} */
    @Override
    public Character convert(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        if (text.equals("tab") || text.equals("\\t") || text.equals("\t")) {
            return '\t';
        }
        if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
            throw new TypeConversionException("'" + value + "' is not a delimiter: give one character (not a quote), or 'tab'");
        }
        return value.charAt(0);
    }
}
