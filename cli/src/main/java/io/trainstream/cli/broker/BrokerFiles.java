package io.trainstream.cli.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The files through which trainstream processes share the local broker of one data directory (see the
 * package documentation for the protocol).
 *
 * @param dir the broker's data directory, absolute
 */
public record BrokerFiles(Path dir) {

    /** Held exclusively by the broker process for as long as it runs (or starts). */
    public static final String OWNER_LOCK = "broker.lock";
    /** Held exclusively by a command while it checks for, or starts, a broker. */
    public static final String START_LOCK = "broker.start.lock";
    /** Held shared by every command attached to the broker; the broker's idle check takes it exclusively. */
    public static final String LEASE_LOCK = "broker.leases";
    /** {@code host:port}, written once the broker accepts connections, deleted when it stops. */
    public static final String ADDRESS = "broker.port";
    /** The broker process's pid, written when it takes the owner lock. */
    public static final String PID = "broker.pid";
    /** The ports of the last start, {@code brokerPort controllerPort}: reused when free, so addresses stay. */
    public static final String LAST_PORTS = "broker.last-ports";
    /** The detached broker's stdout and stderr. */
    public static final String LOG = "broker.log";
    /** Prefix of the one line a failing broker process writes to its log, read back by the command that started it. */
    public static final String FAILURE_MARK = "trainstream-broker-failed: ";

    /** Makes the directory absolute and normal. */
    public BrokerFiles {
        dir = dir.toAbsolutePath().normalize();
    }

    /** @return the path of one of the files named above */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** @return the published address, when the file exists and is not empty */
    public Optional<String> address() {
        return readLine(ADDRESS);
    }

    /** @return the pid last written by a broker process */
    public OptionalLong pid() {
        Optional<String> text = readLine(PID);
        try {
            return text.isPresent() ? OptionalLong.of(Long.parseLong(text.get())) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** @return the {@code [broker, controller]} ports of the last start, or {@code [0, 0]} */
    public int[] lastPorts() {
        Optional<String> text = readLine(LAST_PORTS);
        if (text.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] parts = text.get().split("\\s+");
        try {
            return parts.length == 2 ? new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])} : new int[] {0, 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }

    /** Start of the line a detached broker prints once ready. */
    static final String READY_MARK = "bootstrap.servers=";

    /** @return the last line of the log that starts with {@link #FAILURE_MARK}, without the mark */
    public Optional<String> lastFailure() {
        String found = null;
        for (String line : logLines()) {
            if (line.startsWith(FAILURE_MARK)) {
                found = line.substring(FAILURE_MARK.length()).strip();
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return why the most recently started broker failed, when its failure line is the log's last word on it */
    public Optional<String> failureOfLastBroker() {
        String found = null;
        for (String line : logLines()) {
            if (line.startsWith(READY_MARK)) {
                found = null;
            } else if (line.startsWith(FAILURE_MARK)) {
                found = line.substring(FAILURE_MARK.length()).strip();
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return the message of the last ERROR line of the log (the layout is {@code time LEVEL logger - message}) */
    Optional<String> lastErrorLogged() {
        String found = null;
        for (String line : logLines()) {
            int level = line.indexOf(" ERROR ");
            int dash = line.indexOf(" - ", Math.max(level, 0));
            if (level > 0 && level < 16 && dash > 0) {
                found = line.substring(dash + 3).strip();
            }
        }
        return Optional.ofNullable(found);
    }

    private java.util.List<String> logLines() {
        try {
            return Files.exists(file(LOG)) ? Files.readAllLines(file(LOG), StandardCharsets.UTF_8) : java.util.List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            return java.util.List.of();
        }
    }

    /** Replaces a file's content at once (write aside, then rename), so a reader never sees half of it. */
    public void writeAtomically(String name, String content) throws IOException {
        Path tmp = file(name + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes a file if it is there; a file that cannot be deleted is left (the owner lock, not files, decides). */
    public void deleteQuietly(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            // a stale file is harmless: readers check the owner lock first
        }
    }

    private Optional<String> readLine(String name) {
        try {
            String text = Files.readString(file(name), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
