package io.trainstream.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One node of a cluster as a child JVM running {@link KafkaNodeMain}. Its output goes to
 * {@code node.log} in the node's directory (appended across restarts), where a failed start can be read.
 */
final class ClusterNodeProcess {

    private final ClusterNodeAddress address;
    private final Path configFile;
    private final Path logFile;
    private final int heapMb;
    private final List<String> jvmOptions;
    private Process process;
    private CompletableFuture<Void> started;

    ClusterNodeProcess(ClusterNodeAddress address, Path nodeDir, int heapMb, List<String> jvmOptions) {
        this.address = address;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.configFile = nodeDir.resolve("server.properties");
        this.logFile = nodeDir.resolve("node.log");
        this.heapMb = heapMb;
    }

    ClusterNodeAddress address() {
        return address;
    }

    Path configFile() {
        return configFile;
    }

    /** Launches the JVM; {@link #awaitStarted(Duration)} waits for its start line. */
    synchronized void launch() {
        if (isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                KafkaNodeMain.class.getName(), "--config", configFile.toString()));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BrokerStartException("cannot launch the JVM of Kafka node " + address.nodeId() + ": " + e, e);
        }
        started = new CompletableFuture<>();
        Process launched = process;
        CompletableFuture<Void> startLine = started;
        Thread pump = new Thread(() -> pump(launched, startLine), "kafka-node-" + address.nodeId() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits for the node's start line; a process that exits first or stays silent is a failed start. */
    void awaitStarted(Duration timeout) {
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            throw new BrokerStartException("Kafka node " + address.nodeId() + " at " + address.clientAddress()
                    + " did not start within " + timeout.toMillis() + " ms; its output is in " + logFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new BrokerStartException("interrupted while starting Kafka node " + address.nodeId(), e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("Kafka node " + address.nodeId() + " was never started");
        }
        return process.pid();
    }

    /** SIGKILL: the node gets no chance to hand over its leaderships or flush anything. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitExit(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, then a wait for the controlled shutdown; SIGKILL if it takes longer than the timeout. */
    synchronized void stop(Duration timeout) {
        signalStop();
        awaitStop(timeout);
    }

    /** Sends SIGTERM without waiting. */
    synchronized void signalStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the process to exit after {@link #signalStop()}; SIGKILL when the timeout passes. */
    synchronized void awaitStop(Duration timeout) {
        if (process != null && !waitExit(timeout)) {
            kill();
        }
    }

    private boolean waitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pump(Process launched, CompletableFuture<Void> startLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(launched.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                if (line.startsWith(KafkaNodeMain.STARTED)) {
                    startLine.complete(null);
                }
            }
        } catch (IOException e) {
            // the process ended or its log cannot be written; the start future reports it below
        }
        startLine.completeExceptionally(new IllegalStateException("Kafka node " + address.nodeId()
                + " exited (code " + exitCode(launched) + ") before it started"));
    }

    private static String exitCode(Process launched) {
        try {
            return Integer.toString(launched.waitFor(5, TimeUnit.SECONDS) ? launched.exitValue() : -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
