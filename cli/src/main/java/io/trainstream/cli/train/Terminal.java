package io.trainstream.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: only then does a redrawn progress bar (with ANSI codes) belong there. */
final class Terminal {

    private Terminal() {
    }

    /**
     * @return true when there is a console and, where the OS tells (Linux {@code /proc}), stderr is a terminal;
     *     a console alone is not enough, since stderr may be redirected to a file while stdout is not
     */
    static boolean stderrIsTerminal() {
        if (System.console() == null) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
