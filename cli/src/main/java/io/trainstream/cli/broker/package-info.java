/**
 * Which Kafka a command talks to. With {@code --bootstrap-servers} it is that cluster; without, the
 * embedded broker on {@code $TRAINSTREAM_HOME/kafka} ({@code ~/.trainstream/kafka} by default), so a
 * later command sees the runs of an earlier one.
 *
 * <p>One process at a time owns that data directory: it holds an OS file lock on
 * {@code kafka/broker.lock} and writes the broker's address to {@code kafka/broker.port} once it is
 * ready. A trainstream process that finds the lock taken connects to that address instead of starting
 * a broker of its own. When the owner exits, its broker stops (start {@code trainstream broker} to keep
 * one up for several commands); the next command starts it again on the same data.
 */
package io.trainstream.cli.broker;
