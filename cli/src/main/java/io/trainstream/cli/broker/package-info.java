/**
 * Which Kafka a command talks to. With {@code --bootstrap-servers} it is that cluster; without, the
 * local broker on {@code $TRAINSTREAM_HOME/kafka} ({@code ~/.trainstream/kafka} by default), so a later
 * command sees the runs of an earlier one.
 *
 * <p>The local broker behaves like a local service: a detached process ({@link
 * io.trainstream.cli.broker.DetachedBrokerMain}, its own JVM on the running classpath, in its own
 * session) that the first command needing it starts, and that outlives that command. The processes
 * meet through files in the data directory, all OS file locks (released by the OS when a process dies,
 * SIGKILL included):
 * <ul>
 *   <li>{@code broker.leases}: every attached command holds a shared lock for as long as it runs; the
 *       broker polls it, and once it could take it exclusively for the idle timeout
 *       ({@code TRAINSTREAM_BROKER_IDLE}, default 600 s) it stops, still holding it, so no command
 *       attaches to a broker going away;</li>
 *   <li>{@code broker.start.lock}: a command holds it exclusively while it looks for a broker and,
 *       finding none, starts one and waits for its address; concurrent first commands queue on it, so
 *       exactly one starts the broker;</li>
 *   <li>{@code broker.lock}: the broker process holds it for its lifetime: free means no broker, whatever
 *       stale files say;</li>
 *   <li>{@code broker.port} (the address, written when ready), {@code broker.pid},
 *       {@code broker.last-ports} (reused when free, so the address stays the same across restarts),
 *       {@code broker.log} (the broker's output; a failure ends it with one line the starting command
 *       reports).</li>
 * </ul>
 */
package io.trainstream.cli.broker;
