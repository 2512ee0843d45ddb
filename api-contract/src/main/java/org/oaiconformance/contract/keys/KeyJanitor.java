package org.oaiconformance.contract.keys;

import org.oaiconformance.contract.http.Courtesy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes sure no key the suite creates outlives the run. Every key is named {@code oai-conformance-<run id>-<purpose>};
 * all of this run's keys are deleted at the end, by the checks' teardown and, should the run be interrupted, by a
 * shutdown hook; and a run first deletes leftovers of earlier runs that died before their cleanup (killed hard, so no
 * hook ran). Only names that follow this rule are ever touched, and only those of runs older than the run deadline:
 * a run that old is certainly over, while a younger one may be a concurrent run on the same account.
 */
public final class KeyJanitor {
    public static final String PREFIX = "oai-conformance-";

    private final KeyProvisioner provisioner;
    private final String runId;
    private final Map<String, ManagedKey> created = new ConcurrentHashMap<>();
    private volatile Thread hook;

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public KeyJanitor(KeyProvisioner provisioner) {
        this(provisioner, LocalDateTime.now(ZoneOffset.UTC).format(RUN_TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
    }

    KeyJanitor(KeyProvisioner provisioner, String runId) {
        this.provisioner = provisioner;
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    /** Creates a key for this run; it is deleted by {@link #deleteAll()} or the shutdown hook. */
    public ManagedKey create(String purpose, Double creditLimit) {
        ensureHook();
        ManagedKey key = provisioner.create(PREFIX + runId + "-" + purpose, creditLimit);
        created.put(key.handle(), key);
        return key;
    }

    /** Deletes one of this run's keys now (the check under way needs it gone). */
    public void delete(ManagedKey key) {
        provisioner.delete(key);
        created.remove(key.handle());
    }

    /** Deletes keys left by earlier runs: suite-named, not of this run, and started more than {@code olderThan} ago. */
    public int sweepLeftovers(Duration olderThan) {
        if (!provisioner.canCreate()) {
            return 0;
        }
        LocalDateTime cutoff = LocalDateTime.now(ZoneOffset.UTC).minus(olderThan);
        List<ManagedKey> leftovers = provisioner.list().stream()
                .filter(k -> k.name().startsWith(PREFIX) && !k.name().startsWith(PREFIX + runId + "-"))
                .filter(k -> startedBefore(k.name(), cutoff)).toList();
        Courtesy.evenWhenStopped(() -> {
            leftovers.forEach(provisioner::delete);
            return null;
        });
        return leftovers.size();
    }

    /** Deletes every key this run created and still has — after the run's deadline too. Safe to call more than once. */
    public synchronized void deleteAll() {
        Courtesy.evenWhenStopped(() -> {
            deleteAllNow();
            return null;
        });
    }

    private void deleteAllNow() {
        List<RuntimeException> failures = new ArrayList<>();
        for (ManagedKey key : List.copyOf(created.values())) {
            try {
                provisioner.delete(key);
                created.remove(key.handle());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " key(s) could not be deleted; the next run's sweep deletes them",
                    failures.get(0));
        }
    }

    /** A suite-named key whose run time cannot be read is treated as old: it is ours, and malformed. */
    private static boolean startedBefore(String name, LocalDateTime cutoff) {
        String rest = name.substring(PREFIX.length());
        try {
            return !LocalDateTime.parse(rest.substring(0, 15), RUN_TIME).isAfter(cutoff);
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private synchronized void ensureHook() {
        if (hook == null) {
            hook = new Thread(() -> {
                try {
                    deleteAll();
                } catch (RuntimeException ignored) {
                    // the JVM is going down; the next run's sweep deletes what is left
                }
            }, "oai-conformance-key-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }
}
