/**
 * Looking back at one run from its events: {@code replay} (summary, CSV/JSON export, plot, re-driving
 * a consumer into a directory of its own) and {@code whatif} (what fresh in-process callbacks would
 * have decided on the recorded run).
 */
package io.trainstream.cli.replay;
