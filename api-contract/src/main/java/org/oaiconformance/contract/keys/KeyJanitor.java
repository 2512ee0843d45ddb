package org.oaiconformance.contract.keys;

import org.oaiconformance.contract.http.Courtesy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes sure no key the suite creates outlives the run, and that the suite never touches a key it did not create.
 *
 * <p>Every key is named {@code oai-conformance-<start>-<8 hex>-until-<expiry>-<purpose>} (times in UTC,
 * {@code yyyyMMdd-HHmmss}); the expiry is the creating run's start plus its deadline plus {@link #CLEANUP_GRACE}, so
 * any run can tell when the creator is certainly over, whatever its own deadline. At the end of the run (teardown, or a
 * shutdown hook if the run is interrupted) the account's keys are listed and every key carrying this run's exact name
 * prefix is deleted — also one whose create call failed after the key API had committed it. A run first deletes keys
 * of earlier runs that died before their clean-up (killed hard), but only keys whose name is in the exact format and
 * whose creator's expiry has passed (plus {@link #CLOCK_SKEW}): a concurrent run's live keys and keys merely named
 * like the suite's ({@code oai-conformance-nightly}) are never touched. Every key is also created with a small credit
 * limit and that expiry as its own {@code expires_at}, so one that no clean-up reached is capped and dies by itself.
 */
public final class KeyJanitor {
    public static final String PREFIX = "oai-conformance-";
    /** How long after its deadline a run may still be cleaning up. */
    static final Duration CLEANUP_GRACE = Duration.ofMinutes(10);
    /** Runs on other machines may keep other clocks. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    /** Keys of suite versions before the expiry was written into names: a fixed age no run can reach. */
    static final Duration LEGACY_AGE = Duration.ofHours(48);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern NAME = Pattern.compile(
            "oai-conformance-(\\d{8}-\\d{6})-(?:[0-9a-f]{4}|[0-9a-f]{8})-until-(\\d{8}-\\d{6})-[a-z0-9]+(-[a-z0-9]+)*");
    /** The exact names earlier suite versions made: run time, 4 hex digits, one of their purposes. */
    private static final Pattern LEGACY_NAME = Pattern.compile(
            "oai-conformance-(\\d{8}-\\d{6})-[0-9a-f]{4}-(new|delete|disable|revoked-envelope|exhausted|query-string|sdk-revoked)");

    private final KeyProvisioner provisioner;
    private final String runPrefix;
    /** When the run's keys stop being needed: the creator's expiry, also sent as the key's own {@code expires_at}. */
    private final Instant keysExpireAt;
    /** Stops the run's requests in flight, so an interrupted run's clean-up never waits behind them. */
    private final Runnable stopRequests;
    private final Map<String, ManagedKey> created = new ConcurrentHashMap<>();
    /** Set by every create, cleared by a clean-up that left nothing: a failed create may still have made a key. */
    private volatile boolean mayHoldKeys;
    private volatile Thread hook;

    /** @param deadline the run's deadline: no key of this run is needed after it */
    public KeyJanitor(KeyProvisioner provisioner, Duration deadline) {
        this(provisioner, deadline, () -> { });
    }

    /** @param stopRequests run first when the JVM is interrupted (SIGTERM): cuts the requests in flight */
    public KeyJanitor(KeyProvisioner provisioner, Duration deadline, Runnable stopRequests) {
        this(provisioner, LocalDateTime.now(ZoneOffset.UTC), deadline, stopRequests);
    }

    KeyJanitor(KeyProvisioner provisioner, LocalDateTime start, Duration deadline) {
        this(provisioner, start, deadline, () -> { });
    }

    private KeyJanitor(KeyProvisioner provisioner, LocalDateTime start, Duration deadline, Runnable stopRequests) {
        this.provisioner = provisioner;
        this.stopRequests = stopRequests;
        // 8 hex digits: two runs started in the same second on one account never share a prefix
        String runId = start.format(TIME) + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
        LocalDateTime expiry = start.plus(deadline).plus(CLEANUP_GRACE);
        this.runPrefix = PREFIX + runId + "-until-" + expiry.format(TIME) + "-";
        this.keysExpireAt = expiry.toInstant(ZoneOffset.UTC);
    }

    /**
     * The credit limit every key of this run gets unless a check needs another: a key left behind by a killed run can
     * spend at most this much (in the provider's credit unit, US dollars for OpenRouter) until its expiry ends it.
     */
    public static final double DEFAULT_CREDIT_LIMIT = 0.01;

    /** When every key of this run expires by itself (sent as {@code expires_at}), whatever becomes of the run. */
    public Instant keysExpireAt() {
        return keysExpireAt;
    }

    /** What every key of this run's name starts with. */
    public String runPrefix() {
        return runPrefix;
    }

    /**
     * Creates a key for this run with a small credit limit ({@link #DEFAULT_CREDIT_LIMIT} when null is given) and an
     * expiry just past the run's; it is deleted by {@link #deleteAll()} or the shutdown hook, even if the create failed.
     */
    public ManagedKey create(String purpose, Double creditLimit) {
        return create(purpose, creditLimit != null ? creditLimit : DEFAULT_CREDIT_LIMIT, keysExpireAt);
    }

    /** As {@link #create}, expiring by itself at {@code expiresAt} (a check of expiry), with the default credit limit. */
    public ManagedKey createExpiring(String purpose, Instant expiresAt) {
        return create(purpose, DEFAULT_CREDIT_LIMIT, expiresAt);
    }

    private ManagedKey create(String purpose, double creditLimit, Instant expiresAt) {
        if (!purpose.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a key purpose is lower-case words joined by '-': " + purpose);
        }
        ensureHook();
        mayHoldKeys = true; // from here on, a key may exist whatever the answer says
        ManagedKey key = provisioner.create(runPrefix + purpose, creditLimit, expiresAt);
        created.put(key.handle(), key);
        return key;
    }

    /**
     * The name a key this run asks another route to make (OpenRouter's {@code POST auth/keys/code} takes a key label)
     * gets, in the run's exact format: from now on any key of that name is this run's to delete, like the ones it creates.
     */
    public String nameFor(String purpose) {
        if (!purpose.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a key purpose is lower-case words joined by '-': " + purpose);
        }
        ensureHook();
        mayHoldKeys = true;
        return runPrefix + purpose;
    }

    /**
     * A key this run obtained another way (OAuth), found in the key API: from now on it is this run's to delete, at the
     * end or by the shutdown hook, like the keys it created.
     */
    public void adopt(ManagedKey key) {
        ensureHook();
        mayHoldKeys = true;
        created.put(key.handle(), key);
    }

    /** Every key the key API lists, secrets omitted (to find one this run obtained another way). */
    public List<ManagedKey> listed() {
        return provisioner.list();
    }

    /** Deletes one of this run's keys now (the check under way needs it gone). */
    public void delete(ManagedKey key) {
        provisioner.delete(key);
        created.remove(key.handle());
    }

    /** Deletes keys left by earlier runs that are certainly over; returns how many. */
    public int sweepLeftovers() {
        return sweepLeftoversAsOf(LocalDateTime.now(ZoneOffset.UTC));
    }

    /** As above, judged at {@code now} (UTC): the project's own tests use a later clock to stand for a later run. */
    public int sweepLeftoversAsOf(LocalDateTime now) {
        if (!provisioner.canCreate()) {
            return 0;
        }
        List<ManagedKey> leftovers = provisioner.list().stream()
                .filter(k -> !k.name().startsWith(runPrefix) && isExpiredLeftover(k.name(), now)).toList();
        Courtesy.evenWhenStopped(() -> {
            leftovers.forEach(provisioner::delete);
            return null;
        });
        return leftovers.size();
    }

    /** True only for a name in the suite's exact format whose creator is over by {@code now}. */
    static boolean isExpiredLeftover(String name, LocalDateTime now) {
        Matcher current = NAME.matcher(name);
        if (current.matches()) {
            LocalDateTime start = parse(current.group(1));
            LocalDateTime expiry = parse(current.group(2));
            return start != null && expiry != null && !expiry.isBefore(start) && expiry.plus(CLOCK_SKEW).isBefore(now);
        }
        Matcher legacy = LEGACY_NAME.matcher(name);
        if (legacy.matches()) {
            LocalDateTime start = parse(legacy.group(1));
            return start != null && start.plus(LEGACY_AGE).isBefore(now);
        }
        return false;
    }

    private static LocalDateTime parse(String time) {
        try {
            return LocalDateTime.parse(time, TIME);
        } catch (RuntimeException unreadable) {
            return null; // not a time: not a name this suite made
        }
    }

    /**
     * Deletes every key of this run — the ones it knows, and any the key API lists under this run's prefix (a create
     * that failed after the key was committed) — after the run's deadline too. Safe to call more than once.
     */
    public synchronized void deleteAll() {
        Courtesy.evenWhenStopped(() -> {
            deleteAllNow();
            return null;
        });
    }

    private void deleteAllNow() {
        if (!mayHoldKeys) {
            return;
        }
        List<Exception> failures = new ArrayList<>(); // REST Assured rethrows I/O errors unchecked-style: catch them all
        Map<String, ManagedKey> toDelete = new LinkedHashMap<>(created);
        try {
            provisioner.list().stream().filter(k -> k.name().startsWith(runPrefix)).forEach(k -> toDelete.putIfAbsent(k.handle(), k));
        } catch (Exception e) {
            failures.add(e); // still delete the keys this run knows
        }
        failures.addAll(deleteSideBySide(List.copyOf(toDelete.values())));
        if (failures.isEmpty()) {
            mayHoldKeys = !created.isEmpty();
        } else {
            throw new IllegalStateException(failures.size() + " key clean-up step(s) failed; the next run's sweep deletes what is"
                    + " left once this run's expiry (in its name) has passed: " + failures.get(0).getMessage());
        }
    }

    /** Most deletes in flight at once: on SIGTERM a CI runner kills the job ~10 s later, whatever the target's latency. */
    private static final int DELETES_AT_ONCE = 16;

    /**
     * Deletes the keys side by side (each as a clean-up request, sent even after the run's deadline stopped the rest),
     * so twenty keys at 400 ms a request take under a second, not eight; returns what failed.
     */
    private List<Exception> deleteSideBySide(List<ManagedKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DELETES_AT_ONCE, keys.size()),
                task -> {
                    Thread thread = new Thread(task, "oai-conformance-key-delete");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<?>> deletes = keys.stream().<Future<?>>map(key -> pool.submit(() ->
                    Courtesy.evenWhenStopped(() -> {
                        provisioner.delete(key);
                        created.remove(key.handle());
                        return null;
                    }))).toList();
            List<Exception> failures = new ArrayList<>();
            for (Future<?> delete : deletes) {
                try {
                    delete.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause() instanceof Exception cause ? cause : e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                    break;
                }
            }
            return failures;
        } finally {
            pool.shutdown();
        }
    }

    private synchronized void ensureHook() {
        if (hook == null) {
            hook = new Thread(() -> {
                try {
                    stopRequests.run(); // requests in flight give their permits back now, not at their deadline
                    deleteAll();
                } catch (Exception ignored) {
                    // the JVM is going down; the next run's sweep deletes what is left
                }
            }, "oai-conformance-key-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }
}
