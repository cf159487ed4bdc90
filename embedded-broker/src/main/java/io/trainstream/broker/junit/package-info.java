/**
 * JUnit 5 support for tests that need a real Kafka broker: one embedded broker per JVM, started on
 * first use and stopped at JVM exit, injected into test methods and constructors.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath; this module declares it {@code provided}
 * so it never reaches production users.
 */
package io.trainstream.broker.junit;
