/**
 * {@code trainstream resume}: continues a crashed run under its own id from its latest training
 * state, with the settings its {@code run_start} event recorded.
 */
package io.trainstream.cli.resume;
