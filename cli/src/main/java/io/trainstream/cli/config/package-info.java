/**
 * The options every command shares and where their values come from: a flag, else an environment
 * variable, else the config file ({@code --config} or {@code TRAINSTREAM_CONFIG}, JSON or properties),
 * else the default. {@link io.trainstream.cli.config.SettingsResolver} applies that order once and
 * yields {@link io.trainstream.cli.config.CliSettings}.
 */
package io.trainstream.cli.config;
