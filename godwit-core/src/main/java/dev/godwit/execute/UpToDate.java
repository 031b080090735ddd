package dev.godwit.execute;

import dev.godwit.dialect.DatabaseSession;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Version;
import dev.godwit.plan.Plan;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.Planner;
import dev.godwit.source.ContentDigest;
import dev.godwit.source.MigrationSource;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a run with nothing to do without cutting and comparing its migrations one by one. The planner is a pure
 * function of the migration files, the history rows and the request: when all three are what they were when a run
 * last found nothing to do and nothing to say, that answer holds again. What they were is kept as one digest
 * (SHA-256 of every file's name and text, of every history row as an up reads it, of the request and of this
 * version of Godwit) in a one-row table next to the history table ({@code godwit_uptodate}), written by a run that applied
 * migrations when planning again right after finds nothing left. A run still reads every file and every history
 * row; any difference (a file edited, added or removed, a row changed by hand, another version of Godwit) plans
 * in full. A run that changes nothing writes nothing.
 */
public final class UpToDate {
    private static final Logger LOG = LoggerFactory.getLogger(UpToDate.class);
    /**
     * Changes when what the key covers changes, or when planning the same files and history may say something else
     * (a new rule of the planner or the formats) within one version of Godwit; a new version plans again anyway.
     */
    private static final String KEY_FORMAT = "godwit nothing-to-do 1";
    /** The check of a run that cannot be answered from what is kept. */
    public static final UpToDate NEVER = new UpToDate(null);

    /** The digest of the sources, the request and this build; null: the answer cannot be kept for this run. */
    private final String inputs;

    private UpToDate(String inputs) {
        this.inputs = inputs;
    }

    /**
     * The digest of what a run of {@code request} reads from {@code sources} (reading every file, kept by the sources
     * for their next load); one that never answers when a source cannot tell, or the request is not an up.
     *
     * @param sources the run's sources, loaded next from the same instances
     * @param engine  the dialect's name
     * @param request the run's request
     * @return the check for this run
     */
    public static UpToDate of(List<MigrationSource> sources, String engine, PlanRequest request) {
        if (!(request instanceof PlanRequest.Up) || sources.isEmpty()) {
            return NEVER;
        }
        PlanRequest.Up up = (PlanRequest.Up) request; // its fields, not toString(): a record's costs a bootstrap
        MessageDigest digest = ContentDigest.start(KEY_FORMAT, Build.ID, engine, "up", Integer.toString(up.step()),
                up.to() == null ? null : up.to().text(), Boolean.toString(up.outOfOrder()),
                Boolean.toString(up.ignoreMissing()));
        for (MigrationSource source : sources) {
            Optional<String> content = source.contentDigest();
            if (content.isEmpty()) {
                return NEVER;
            }
            ContentDigest.add(digest, content.get());
        }
        return new UpToDate(ContentDigest.finish(digest));
    }

    /**
     * Whether this run can be answered from the database (its sources gave a digest).
     *
     * @return true when {@link #settled} may answer
     */
    public boolean applies() {
        return inputs != null;
    }

    /**
     * Whether a run of {@code request} from {@code sources} may be answered from what the database keeps: an up
     * whose sources can all be digested.
     *
     * @param sources the run's sources
     * @param request the run's request
     * @return true when {@link #of} may give a digest
     */
    public static boolean mayApply(List<MigrationSource> sources, PlanRequest request) {
        return request instanceof PlanRequest.Up && !sources.isEmpty()
                && sources.stream().allMatch(MigrationSource::digestible);
    }

    /**
     * The version the database is at, when it keeps this run's key with its history as it was read: the run has
     * nothing to do. Empty otherwise (the run is planned in full).
     *
     * @param lookup what the database keeps, read
     * @return the current version (empty inside: none), or empty when the run must be planned
     */
    public Optional<Optional<Version>> settled(Lookup lookup) {
        if (inputs == null || lookup.kept.isEmpty() || lookup.history.isEmpty()
                || !lookup.kept.get().digest().equals(key(lookup.history.get()))) {
            return Optional.empty();
        }
        String version = lookup.kept.get().version();
        return Optional.of(version.isEmpty() ? Optional.empty() : Optional.of(Version.parse(version)));
    }

    /**
     * As {@link #settled(Lookup)}, reading on {@code session} now.
     *
     * @param session the run's session
     * @return the current version (empty inside: none), or empty when the run must be planned
     */
    public Optional<Optional<Version>> settled(DatabaseSession session) {
        Lookup lookup = new Lookup(null);
        lookup.read(session);
        return settled(lookup);
    }

    /**
     * The database's side of the check, read on a thread of its own while the run reads its files: a session, what
     * it keeps, the digest of its history. A read that fails leaves no session (the full run connects again and
     * says why).
     */
    public static final class Lookup {
        private final Thread thread;
        private DatabaseSession session;
        private Optional<DatabaseSession.NothingToDo> kept = Optional.empty();
        private Optional<String> history = Optional.empty();

        private Lookup(Thread thread) {
            this.thread = thread;
        }

        /**
         * Starts reading on a thread of its own.
         *
         * @param open opens the run's session
         * @return the read under way
         */
        public static Lookup start(java.util.function.Supplier<DatabaseSession> open) {
            Lookup[] lookup = new Lookup[1];
            Thread thread = new Thread(() -> {
                DatabaseSession s = null;
                try {
                    s = open.get();
                    lookup[0].read(s);
                    lookup[0].session = s;
                } catch (RuntimeException e) {
                    LOG.debug("what the database keeps could not be read: {}", e.getMessage());
                    if (s != null) {
                        s.close();
                    }
                }
            }, "godwit-history");
            thread.setDaemon(true);
            lookup[0] = new Lookup(thread);
            thread.start();
            return lookup[0];
        }

        private void read(DatabaseSession s) {
            kept = s.nothingToDo();
            history = kept.isPresent() ? s.historyDigest() : Optional.empty();
        }

        /**
         * Waits for the read.
         *
         * @return the session it opened, open; null when the read failed
         */
        public DatabaseSession join() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return session;
        }
    }

    /**
     * After a run that applied migrations: plans {@code request} again against history as it is now, holding the
     * migration lock, and keeps the key when nothing is left to do and nothing to say. Never fails the run.
     *
     * @param session   a session of its own
     * @param available the run's migrations
     * @param request   the run's request
     * @param lockWait  how long to wait for the lock
     */
    public void keep(DatabaseSession session, List<PreparedMigration> available, PlanRequest request,
                     java.time.Duration lockWait) {
        if (inputs == null || session.historyDigest().isEmpty()) {
            return; // an engine that keeps nothing: not even the lock is taken
        }
        try (var lock = session.lock(lockWait)) {
            List<AppliedMigration> history = session.readHistory();
            Plan plan = Planner.plan(available, history, request);
            if (!plan.steps().isEmpty() || !plan.problems().isEmpty() || !plan.warnings().isEmpty()) {
                return;
            }
            Optional<String> digest = session.historyDigest();
            if (digest.isEmpty()) {
                return;
            }
            Version current = Migrator.currentVersion(history, available);
            session.keepNothingToDo(new DatabaseSession.NothingToDo(key(digest.get()),
                    current == null ? "" : current.text()));
        } catch (RuntimeException e) {
            LOG.debug("could not keep what the run found: {}", e.getMessage());
        }
    }

    private String key(String historyDigest) {
        return ContentDigest.finish(ContentDigest.start(inputs, historyDigest));
    }

    /** This version of Godwit (written by the build), so that another version plans again. */
    private static final class Build {
        static final String ID = id();

        private static String id() {
            try (java.io.InputStream in = UpToDate.class.getResourceAsStream("build.properties")) {
                java.util.Properties p = new java.util.Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("build", "unknown");
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }
}
