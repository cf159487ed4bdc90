package io.trainstream.cli.config;

import io.trainstream.cli.UsageException;

/** A config file or setting that cannot be used; the message names the file and the key. */
public class ConfigException extends UsageException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file and the key */
    public ConfigException(String message) {
        super(message);
    }
}
