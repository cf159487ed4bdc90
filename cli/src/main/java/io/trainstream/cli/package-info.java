/**
 * The {@code trainstream} command: {@link io.trainstream.cli.TrainstreamCli} wires the subcommands
 * ({@code train}, {@code events}, {@code runs}, {@code broker}) and turns every failure into one line
 * on stderr and an exit code (0 success, 1 failure, 2 bad usage).
 */
package io.trainstream.cli;
