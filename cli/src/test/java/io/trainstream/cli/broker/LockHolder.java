package io.trainstream.cli.broker;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a child JVM by {@link LocalBrokerTest}: plays another trainstream process that owns a data
 * directory. Takes the lock, writes a port file, prints "locked", and holds the lock until stdin closes.
 */
public final class LockHolder {

    private LockHolder() {
    }

    /** @param args the data directory and the address to publish */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(dir.resolve(LocalBroker.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var lock = channel.lock()) {
            Files.writeString(dir.resolve(LocalBroker.PORT_FILE), args[1] + "\n");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
