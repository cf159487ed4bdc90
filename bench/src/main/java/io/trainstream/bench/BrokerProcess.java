package io.trainstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The project's embedded Kafka broker ({@code io.trainstream.broker.EmbeddedKafkaMain}) run as its own
 * JVM, as a real broker would be: its heap and GC stay out of the benchmark's measurements. Fixed
 * ports and data directory, so {@link #stop()} then {@link #start()} is a broker outage and restart.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;

    BrokerProcess() throws IOException {
        this.dataDir = Files.createTempDirectory("trainstream-bench-kafka");
        this.port = freePort();
        this.controllerPort = freePort();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker JVM and waits (up to 90 s) for it to accept connections. */
    synchronized BrokerProcess start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>();
        // like the local broker trainstream starts (LocalBroker): below the training thread's priority
        int nice = Integer.getInteger("bench.broker.nice", 10);
        if (nice > 0 && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", String.valueOf(nice)));
        }
        command.addAll(List.of(java, "-Xmx512m", "-XX:+UseG1GC"));
        // e.g. -XX:+PreserveFramePointer for perf, or a JFR recording of the broker
        String extra = System.getenv("BENCH_BROKER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // broker settings for experiments: -Dbench.broker.KEY=VALUE on the bench JVM starts the broker with KEY=VALUE
        List<String> settings = System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(BenchBrokerMain.PREFIX)).sorted()
                .map(k -> "-D" + k + "=" + System.getProperty(k)).toList();
        command.addAll(settings);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (settings.isEmpty()) {
            command.addAll(List.of("io.trainstream.broker.EmbeddedKafkaMain", "--data-dir", dataDir.toString(),
                    "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort)));
        } else {
            command.addAll(List.of(BenchBrokerMain.class.getName(), dataDir.toString(), String.valueOf(port),
                    String.valueOf(controllerPort)));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Process started = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("bootstrap.servers=")) {
                        ready.complete(true);
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.err.println("[broker] " + line);
                    }
                }
            } catch (IOException e) {
                // process ended
            }
            ready.complete(false);
        }, "bench-broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!ready.get(90, TimeUnit.SECONDS)) {
                throw new IOException("the broker process ended before it was ready");
            }
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the broker did not start: " + e, e);
        }
        return this;
    }

    /** Stops the broker gracefully (SIGTERM: its shutdown hook stops Kafka) and waits for the process. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** @return the broker process id, or -1 when stopped */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
