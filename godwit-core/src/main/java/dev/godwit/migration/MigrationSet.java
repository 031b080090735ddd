package dev.godwit.migration;

import dev.godwit.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every migration of one location, read once and independent of any database engine, with the problems found
 * reading them. Nothing is thrown on reading: {@link #prepare} (or {@link #checked}) reports the reading problems
 * together with those of splitting, all at once, before any connection.
 */
public final class MigrationSet {
    private final String location;
    private final List<Migration> migrations;
    private final FileProblems problems;
    private final String format;

    public MigrationSet(String location, List<Migration> migrations, FileProblems problems) {
        this(location, migrations, problems, null);
    }

    /** @param format the name of the files' format as the source told it ({@code flyway}, {@code goose}, …), or null */
    public MigrationSet(String location, List<Migration> migrations, FileProblems problems, String format) {
        this.format = format;
        this.location = Objects.requireNonNull(location, "location");
        VersionOrder order = VersionOrder.of(migrations.stream().map(Migration::version).toList());
        this.migrations = migrations.stream().sorted(Comparator.comparing(Migration::version, order)).toList();
        this.problems = problems.copy();
    }

    /**
     * Several sets as one ordered sequence (every location's migrations by version), their problems kept; a
     * version found in two locations is a problem naming both.
     */
    public static MigrationSet merged(List<MigrationSet> sets) {
        if (sets.size() == 1) {
            return sets.get(0);
        }
        FileProblems problems = new FileProblems();
        java.util.Map<Version, String> first = new java.util.HashMap<>();
        List<Migration> kept = new java.util.ArrayList<>();
        for (MigrationSet set : sets) {
            problems.addAll(set.problems);
            for (Migration m : set.migrations) {
                String where = set.location + ": " + m.script();
                String previous = first.putIfAbsent(m.version(), where);
                if (previous != null) {
                    problems.add(where, 0, "version " + m.version() + " is used twice: also by " + previous,
                            "give each migration its own version, across every location");
                } else {
                    kept.add(m);
                }
            }
        }
        String location = String.join(", ", sets.stream().map(MigrationSet::location).toList());
        return new MigrationSet(location, kept, problems);
    }

    /** The files' format as the source told it ({@code godwit}, {@code flyway}, {@code goose}, …), when it says. */
    public java.util.Optional<String> format() {
        return java.util.Optional.ofNullable(format);
    }

    /** Where the migrations were read from, for messages. */
    public String location() {
        return location;
    }

    /** The problems found reading the files; empty when every file could be read. */
    public List<String> problems() {
        return problems.messages();
    }

    /** The order the migrations run in, as their format defines it. */
    public VersionOrder order() {
        return VersionOrder.of(migrations.stream().map(Migration::version).toList());
    }

    /**
     * The migrations, sorted by version in their format's order; throws ({@link dev.godwit.ErrorCode#MIGRATION_FILE}) listing every
     * problem found reading them.
     */
    public List<Migration> checked() {
        problems.throwIfAny(location);
        return migrations;
    }

    /**
     * Splits every migration for one dialect, refusing transaction control statements in migrations that run in
     * a transaction. Throws listing every problem (reading and splitting) at once. Migrations whose up section has
     * no statement are kept, not written yet, and named to {@code warnings}.
     */
    public List<PreparedMigration> prepare(SqlSplitter splitter, Consumer<String> warnings) {
        return prepare(splitter, warnings, true, true);
    }

    /**
     * As {@link #prepare}, but each section is split only when its statements are first asked for: a run splits
     * what it will run ({@link #splitAll}), and a status compares the others by checksum without splitting them.
     * Reading problems are thrown at once; a section's splitting problems when it is split.
     */
    public List<PreparedMigration> prepareToSplitWhenNeeded(SqlSplitter splitter, Consumer<String> warnings) {
        return prepare(splitter, warnings, true, false);
    }

    /**
     * As {@link #prepare}, but transaction control statements are kept (for {@code lint}, which reports them as
     * findings). Never used to run migrations.
     */
    public List<PreparedMigration> prepareKeepingTransactionControl(SqlSplitter splitter,
                                                                    Consumer<String> warnings) {
        return prepare(splitter, warnings, false, true);
    }

    /** Splits both sections of each migration given, throwing every problem found at once. */
    public void splitAll(List<PreparedMigration> migrations) {
        Section.splitAll(sectionsOf(migrations), location, new FileProblems());
    }

    private static List<Section> sectionsOf(List<PreparedMigration> migrations) {
        List<Section> sections = new ArrayList<>();
        for (PreparedMigration m : migrations) {
            sections.add(m.up());
            sections.add(m.down());
        }
        return sections;
    }

    /**
     * @param splitNow split every section now; otherwise only when there are reading problems, so that they are
     *                 reported with the splitting problems, all at once
     */
    private List<PreparedMigration> prepare(SqlSplitter splitter, Consumer<String> warnings,
                                            boolean refuseTransactionControl, boolean splitNow) {
        List<PreparedMigration> prepared = new ArrayList<>(migrations.size());
        List<String> drafts = new ArrayList<>();
        for (Migration m : migrations) {
            Section up = section(m.up(), splitter, refuseTransactionControl);
            Section down = m.down() == null ? null : section(m.down(), splitter, refuseTransactionControl);
            if (up.isEmpty() && !up.directives().blankIsNoOp()) {
                drafts.add(up.file());
            }
            // a down section with no statement (empty, or only comments) counts as none: no rollback; in formats
            // whose blank files are no-ops (golang-migrate, Diesel) it is a rollback that does nothing
            boolean noDown = down == null || (down.isEmpty() && !down.directives().blankIsNoOp());
            prepared.add(new PreparedMigration(m, up, noDown ? null : down));
        }
        if (splitNow || !problems.isEmpty()) {
            Section.splitAll(sectionsOf(prepared), location, problems);
        }
        for (String draft : drafts) {
            warnings.accept(draft + ": not written yet (its up section has no SQL statement); left out until it "
                    + "has SQL" + (draft.endsWith(".up.sql") ? " (in a golang-migrate folder, where a blank file is "
                    + "a migration that does nothing, read the folder with --format golang-migrate)" : ""));
        }
        return java.util.Collections.unmodifiableList(prepared);
    }

    private static Section section(MigrationBody body, SqlSplitter splitter, boolean refuseTransactionControl) {
        if (body instanceof JavaBody java) {
            return Section.of(java);
        }
        if (!(body instanceof SqlBody sql)) {
            throw new IllegalStateException("no statements to split in " + body.file());
        }
        return Section.splitWhenNeeded(sql, splitter, refuseTransactionControl);
    }
}
