package io.trainstream.trainer.outbox;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names the disk under a directory and its free space, for messages about a failed write. */
final class DiskSpace {

    private DiskSpace() {
    }

    /**
     * @param dir a directory
     * @return e.g. "disk /dev/vda mounted for /home/x/.trainstream/outbox: 0 bytes free"
     */
    static String describe(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return "disk " + store.name() + " holding " + dir + ": " + store.getUsableSpace() + " bytes free";
        } catch (IOException | SecurityException e) {
            return "disk holding " + dir + ": free space unknown";
        }
    }
}
