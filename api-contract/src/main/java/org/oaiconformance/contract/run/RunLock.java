package org.oaiconformance.contract.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run per checkout: two runs in one folder would wipe each other's results and judge from the other's files.
 * The build takes this lock (exec:java, inside Maven's own JVM, before the shared run folders are emptied) and holds
 * it until Maven exits; the operating system lets go of it however the process ends, SIGKILL included, so a stale lock
 * cannot block the next run. A second run stops at once with one line saying who holds it.
 */
public final class RunLock {
    static final String FILE = "conformance-run.lock";

    private RunLock() {
    }

    /**
     * args[0]: the folder for the lock file (the checkout's .mvn/, which {@code mvn clean} leaves alone). With
     * {@code --check} (before a clean, in a JVM of its own) it only tells whether a run holds the lock, and exits 1 if so.
     */
    public static void main(String[] args) throws IOException {
        String holder = acquire(Path.of(args[0]));
        if (holder != null) {
            String line = "[conformance] cannot start: another run is using this checkout (" + holder + "); wait for it to end,"
                    + " or run from another clone";
            System.err.println(line);
            if (args.length > 1 && args[1].equals("--check")) {
                System.exit(1);
            }
            throw new IllegalStateException(line);
        }
    }

    /** Takes the lock and keeps it for this JVM's life; null on success, else who holds it. */
    public static String acquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            channel.close();
            return null; // this build took it already
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            return holder.isEmpty() ? "its process holds " + file : holder;
        }
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + ", started " + Instant.now()), 0);
        channel.force(false);
        keepForThisJvm(channel);
        return null;
    }

    /** A parked daemon thread keeps the channel reachable; were it collected, its cleaner would close it and drop the lock. */
    private static void keepForThisJvm(FileChannel channel) {
        Thread keeper = new Thread(() -> {
            while (channel.isOpen()) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                    // keep holding
                }
            }
        }, "oai-conformance-run-lock");
        keeper.setDaemon(true);
        keeper.start();
    }
}
