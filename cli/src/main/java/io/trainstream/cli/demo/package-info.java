/**
 * {@code trainstream demo}: the embedded broker, the four consumers, the dashboard and a real training
 * run in one process.
 */
package io.trainstream.cli.demo;
