/**
 * Looking back at runs: {@code trainstream runs} lists the runs index, {@code trainstream events}
 * prints one run's events as JSON lines (the public format of the schemas' {@code EventJson}).
 */
package io.trainstream.cli.runs;
