package org.oaiconformance.contract.run;

import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

/** A second run in the same checkout is turned away while the first holds the lock, and may go once it is gone. */
public class RunLockTest {

    @Test(timeOut = 60_000)
    public void aSecondRunIsTurnedAwayUntilTheFirstEnds() throws Exception {
        Path folder = Files.createTempDirectory("run-lock");
        // The first run: another JVM that takes the lock and holds it until killed.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "-XX:TieredStopAtLevel=1", Holder.class.getName(), folder.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(folder.resolve(RunLock.FILE)) || Files.readString(folder.resolve(RunLock.FILE)).isBlank()) {
                assertTrue(System.nanoTime() < deadline, "the first run never took the lock");
                Thread.sleep(50);
            }
            assertTrue(first.isAlive());
            String holder = RunLock.acquire(folder);
            assertNotNull(holder, "a second run took a held lock");
            assertTrue(holder.startsWith("pid " + first.pid() + ", started "), holder);
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertNull(RunLock.acquire(folder), "the lock was not released when its holder died");
    }

    /** Stands for a build's JVM: takes the lock, then lives on as Maven does while the run goes on. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            RunLock.main(args);
            Thread.sleep(60_000);
        }
    }
}
