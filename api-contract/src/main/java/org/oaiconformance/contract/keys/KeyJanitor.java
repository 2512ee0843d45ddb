package org.oaiconformance.contract.keys;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes sure no key the suite creates outlives the run. Every key is named {@code oai-conformance-<run id>-<purpose>};
 * all of this run's keys are deleted at the end, by the checks' teardown and, should the run be interrupted, by a
 * shutdown hook; and a run first deletes leftovers of earlier runs that died before their cleanup. Only names that
 * follow this rule are ever touched.
 */
public final class KeyJanitor {
    public static final String PREFIX = "oai-conformance-";

    private final KeyProvisioner provisioner;
    private final String runId;
    private final Map<String, ManagedKey> created = new ConcurrentHashMap<>();
    private volatile Thread hook;

    public KeyJanitor(KeyProvisioner provisioner) {
        this(provisioner, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
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

    /** Deletes keys left by earlier runs: suite-named, and not of this run. Returns how many. */
    public int sweepLeftovers() {
        if (!provisioner.canCreate()) {
            return 0;
        }
        List<ManagedKey> leftovers = provisioner.list().stream()
                .filter(k -> k.name().startsWith(PREFIX) && !k.name().startsWith(PREFIX + runId + "-")).toList();
        leftovers.forEach(provisioner::delete);
        return leftovers.size();
    }

    /** Deletes every key this run created and still has. Safe to call more than once. */
    public synchronized void deleteAll() {
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
