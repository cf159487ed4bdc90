/**
 * The {@code trainstream} command: {@link io.trainstream.cli.TrainstreamCli} wires the subcommands
 * ({@code demo}, {@code train}, {@code resume}, {@code runs}, {@code events}, {@code replay},
 * {@code whatif}, {@code consume}, {@code broker}) and turns every failure into one line
 * on stderr and an exit code (0 success, 1 failure, 2 bad usage).
 */
package io.trainstream.cli;
