package dev.godwit.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.DatabaseUrl;
import dev.godwit.GodwitConfig;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Directives;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link DatabaseSession} must do, whatever the engine: one subclass per engine (SQLite files,
 * PostgreSQL, remote libSQL) against a real database it starts. Each test works on a target of its own (a new file,
 * schema or history table) and tables named after it, so a server runs once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseSessionContract {
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** A configuration for a target no other test uses (its history table empty or absent). */
    protected abstract GodwitConfig.Builder freshTarget(String name);

    private GodwitConfig config;
    private Dialect dialect;
    private String t;

    @BeforeEach
    void newTarget() {
        String name = "c" + NAMES.incrementAndGet();
        config = freshTarget(name).lockTimeout(Duration.ofSeconds(2)).build();
        dialect = Dialects.forUrl(DatabaseUrl.parse(config.url().raw()));
        t = "t_" + name;
    }

    private DatabaseSession open() {
        return dialect.open(config);
    }

    private static List<Statement> sql(String... statements) {
        return Arrays.stream(statements).map(s -> new Statement(s, 1)).toList();
    }

    private static AppliedMigration row(String version, String down) {
        return new AppliedMigration(Version.parse(version), "m" + version, version + "_m.sql", "sha256v2:x", down,
                AppliedMigration.SQL, "2025-01-01T00:00:00.000Z", "contract", 1, true, null);
    }

    private static Change up(AppliedMigration row, List<Statement> statements) {
        return new Change(Direction.UP, row.version(), row.script(), statements, row, Directives.NONE);
    }

    private static Change down(String version, List<Statement> statements) {
        return new Change(Direction.DOWN, Version.parse(version), version + "_m.sql", statements, null,
                Directives.NONE);
    }

    @Test
    void anAbsentHistoryTableReadsAsEmptyHistory() {
        try (DatabaseSession s = open()) {
            assertThat(s.readHistory()).isEmpty();
        }
    }

    @Test
    void appliesAnUpChangeWithItsHistoryRowInOneUnit() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            assertThat(s.apply(up(row("1", "DROP TABLE " + t), sql("CREATE TABLE " + t + " (id INTEGER)"))))
                    .isEqualTo(DatabaseSession.Outcome.DONE);
            assertThat(s.apply(up(row("2", null), sql("INSERT INTO " + t + " (id) VALUES (1)"))))
                    .isEqualTo(DatabaseSession.Outcome.DONE);
            assertThat(s.readHistory()).extracting(a -> a.version().text()).containsExactly("1", "2");
        }
    }

    @Test
    void reCheckingHistoryInsideTheTransactionMakesASecondApplyOfAVersionANoOp() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            Change create = up(row("1", null), sql("CREATE TABLE " + t + " (id INTEGER)"));
            assertThat(s.apply(create)).isEqualTo(DatabaseSession.Outcome.DONE);
            // would fail ("table exists") if it ran: the re-check must stop it before its statements
            assertThat(s.apply(create)).isEqualTo(DatabaseSession.Outcome.ALREADY_DONE);
            assertThat(s.readHistory()).hasSize(1);
        }
    }

    @Test
    void aRepeatableAppliedAgainReplacesItsRowOnlyWhileItIsStillTheRowReplaced() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            AppliedMigration first = repeatable("sha256v2:first", null);
            assertThat(s.apply(up(first, sql("CREATE TABLE " + t + " (id INTEGER)"))))
                    .isEqualTo(DatabaseSession.Outcome.DONE);
            AppliedMigration second = repeatable("sha256v2:second", "applied 2 times");
            Change again = new Change(Direction.UP, second.version(), second.script(),
                    new Work.Statements(sql("DROP TABLE " + t, "CREATE TABLE " + t + " (id INTEGER, name TEXT)")), second,
                    Directives.NONE,
                    first);
            assertThat(s.apply(again)).isEqualTo(DatabaseSession.Outcome.DONE);
            assertThat(s.readHistory()).singleElement().satisfies(a -> {
                assertThat(a.version().text()).isEqualTo("R__views");
                assertThat(a.checksum()).isEqualTo("sha256v2:second");
                assertThat(a.kind()).isEqualTo(AppliedMigration.REPEATABLE);
                assertThat(a.note()).isEqualTo("applied 2 times");
            });
            // another runner applied it again already: the row is no longer the one replaced, nothing runs
            // (the DROP TABLE of a missing table would fail if it did)
            Change stale = new Change(Direction.UP, second.version(), second.script(),
                    new Work.Statements(sql("DROP TABLE " + t + "_missing")), repeatable("sha256v2:third", null),
                    Directives.NONE, first);
            assertThat(s.apply(stale)).isEqualTo(DatabaseSession.Outcome.ALREADY_DONE);
            assertThat(s.readHistory()).singleElement().extracting(AppliedMigration::checksum)
                    .isEqualTo("sha256v2:second");
        }
    }

    private static AppliedMigration repeatable(String checksum, String note) {
        return new AppliedMigration(Version.repeatable("views"), "views", "R__views.sql", checksum, null,
                AppliedMigration.REPEATABLE, "2025-01-01T00:00:00.000Z", "contract", 1, true, note);
    }

    @Test
    void aFailingStatementRollsBackTheWholeChangeAndWritesNoRow() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            Change failing = up(row("1", null), sql("CREATE TABLE " + t + " (id INTEGER)",
                    "INSERT INTO " + t + "_missing (id) VALUES (1)"));
            assertThatThrownBy(() -> s.apply(failing)).isInstanceOf(RuntimeException.class);
            assertThat(s.readHistory()).isEmpty();
            // the table of the first statement is gone with the rest: creating it again works
            assertThat(s.apply(up(row("1", null), sql("CREATE TABLE " + t + " (id INTEGER)"))))
                    .isEqualTo(DatabaseSession.Outcome.DONE);
        }
    }

    @Test
    void aFailingStatementAmongManyIsNamedWithItsOwnLineAndNothingOfTheChangeRemains() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            List<Statement> statements = new java.util.ArrayList<>();
            statements.add(new Statement("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)", 1));
            for (int i = 1; i <= 250; i++) {
                // the 180th INSERT repeats a key: refused by the primary key
                int id = i == 180 ? 7 : i;
                statements.add(new Statement("INSERT INTO " + t + " (id) VALUES (" + id + ")", 1 + i));
            }
            Change failing = up(row("1", null), statements);
            assertThatThrownBy(() -> s.apply(failing)).isInstanceOfSatisfying(StatementFailure.class, f -> {
                assertThat(f.statement().line()).isEqualTo(181);
                assertThat(f.statement().sql()).contains("VALUES (7)");
                assertThat(f.index()).isEqualTo(180);
                assertThat(f.getMessage()).containsIgnoringCase("unique");
            });
            assertThat(s.readHistory()).isEmpty();
            assertThat(s.apply(up(row("1", null), sql("CREATE TABLE " + t + " (id INTEGER)"))))
                    .isEqualTo(DatabaseSession.Outcome.DONE);
        }
    }

    @Test
    void aDownChangeRunsItsStatementsAndDeletesTheRowAndIsANoOpOnceDone() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            s.apply(up(row("1", "DROP TABLE " + t), sql("CREATE TABLE " + t + " (id INTEGER)")));
            Change drop = down("1", sql("DROP TABLE " + t));
            assertThat(s.apply(drop)).isEqualTo(DatabaseSession.Outcome.DONE);
            assertThat(s.readHistory()).isEmpty();
            assertThat(s.apply(drop)).isEqualTo(DatabaseSession.Outcome.ALREADY_DONE);
        }
    }

    @Test
    void historyRowsReadBackAsWritten() {
        AppliedMigration written = new AppliedMigration(Version.parse("1.2"), "add index", "1.2_add_index.sql",
                "sha256v2:abc", "DROP INDEX i;", AppliedMigration.SQL, "2025-01-01T12:00:00.000Z", "me@host", 42,
                false, "note");
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            assertThat(s.insertHistory(written)).isTrue();
            assertThat(s.insertHistory(written)).as("a second row of one version").isFalse();
            AppliedMigration read = s.readHistory().get(0);
            assertThat(read.version()).isEqualTo(written.version());
            assertThat(read.description()).isEqualTo(written.description());
            assertThat(read.script()).isEqualTo(written.script());
            assertThat(read.checksum()).isEqualTo(written.checksum());
            assertThat(read.downSql()).isEqualTo(written.downSql());
            assertThat(read.kindValue()).contains(AppliedMigration.Kind.SQL);
            assertThat(read.appliedInstant()).isEqualTo(written.appliedInstant());
            assertThat(read.success()).isFalse();
            assertThat(read.note()).isEqualTo("note");

            s.updateHistory(written.withOutcome(true, 7, null));
            assertThat(s.readHistory().get(0).success()).isTrue();
            assertThat(s.deleteHistory(written.version())).isTrue();
            assertThat(s.readHistory()).isEmpty();
        }
    }

    @Test
    void importedRowsAreWrittenAllInOneTransactionOrNoneAndOnlyIntoAnEmptyHistory() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            assertThatThrownBy(() -> s.insertHistory(List.of(row("1", null), row("1", null))))
                    .isInstanceOf(RuntimeException.class);
            assertThat(s.readHistory()).as("the first row went with the failing second").isEmpty();
            assertThat(s.insertHistory(List.of(row("1", null), row("2", null)))).isTrue();
            assertThat(s.readHistory()).extracting(a -> a.version().text()).containsExactly("1", "2");
            assertThat(s.insertHistory(List.of(row("3", null)))).as("history is not empty").isFalse();
            assertThat(s.readHistory()).hasSize(2);
        }
    }

    @Test
    void anotherToolsTableIsReadWholeWithTypedValuesAndAnAbsentOneReadsAsNone() {
        try (DatabaseSession s = open()) {
            s.ensureHistoryTable();
            assertThat(s.readTable(t)).isEmpty();
            s.apply(up(row("1", null), sql("CREATE TABLE " + t + " (version VARCHAR(50), n BIGINT, at TEXT)",
                    "INSERT INTO " + t + " VALUES ('1.1', 42, '2024-01-01 00:00:00')")));
            TableRows read = s.readTable(t).orElseThrow();
            assertThat(read.columns()).containsExactly("version", "n", "at");
            assertThat(read.rows()).singleElement().satisfies(r -> {
                assertThat(r.get("version")).isEqualTo("1.1");
                assertThat(r.get("n")).isEqualTo(42L);
                assertThat(r.get("at")).isEqualTo("2024-01-01 00:00:00");
            });
        }
    }

    @Test
    void theLockCanBeTakenReleasedAndTakenAgainAndKeepsOtherRunnersOutWhileHeld() {
        Capabilities.LockKind kind = dialect.capabilities().lock();
        try (DatabaseSession s = open(); DatabaseSession other = open()) {
            s.ensureHistoryTable();
            try (MigrationLock held = s.lock(Duration.ofSeconds(2))) {
                if (kind != Capabilities.LockKind.NONE) {
                    assertThatThrownBy(() -> other.lock(Duration.ofMillis(300)).close())
                            .isInstanceOf(RuntimeException.class);
                }
            }
            try (MigrationLock again = other.lock(Duration.ofSeconds(2))) {
                assertThat(again).isNotNull();
            }
        }
    }
}
