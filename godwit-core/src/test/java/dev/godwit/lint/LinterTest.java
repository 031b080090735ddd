package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule with a migration that triggers it and one that does not, read through the facade as {@code godwit lint}
 * reads them (real files, the real splitter, no database).
 */
class LinterTest {
    private static final String PG = "postgres://app@localhost:1/shop";
    private static final String USERS = """
            -- migrate:up
            CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT, name TEXT);
            -- migrate:down
            DROP TABLE users;
            """;

    @TempDir
    Path tmp;

    private LintReport lint(String url, LintSettings settings, String... namesAndTexts) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m" + System.nanoTime()));
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            Files.writeString(dir.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
        }
        String u = url.equals("sqlite") ? "sqlite:" + tmp.resolve("never-created.db") : url;
        return Godwit.create(GodwitConfig.builder().url(u).migrations(dir).build()).lint(settings);
    }

    private List<String> rules(String url, String... namesAndTexts) throws IOException {
        return lint(url, LintSettings.DEFAULTS, namesAndTexts).findings().stream().map(f -> f.rule().id()).toList();
    }

    private List<String> afterUsers(String url, String second) throws IOException {
        return rules(url, "1_users.sql", USERS, "2_change.sql", second);
    }

    private static String migration(String up, String down) {
        return "-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n";
    }

    @Test
    void pgIndexWithoutConcurrentlyFiresOnATableOfAnEarlierMigrationOnly() throws IOException {
        assertThat(afterUsers(PG, migration("CREATE INDEX users_email ON users (email);",
                "DROP INDEX users_email;"))).contains("pg-index-without-concurrently");
        assertThat(afterUsers(PG, migration("CREATE TABLE t (a INT);\nCREATE INDEX t_a ON t (a);",
                "DROP TABLE t;"))).doesNotContain("pg-index-without-concurrently");
        assertThat(afterUsers(PG, "-- godwit:no-transaction\n" + migration(
                "CREATE INDEX CONCURRENTLY users_email ON users (email);",
                "DROP INDEX CONCURRENTLY users_email;"))).doesNotContain("pg-index-without-concurrently",
                "needs-no-transaction");
    }

    @Test
    void pgIndexWithoutConcurrentlyFiresOnDropIndexOfAnEarlierIndex() throws IOException {
        String index = migration("CREATE TABLE t (a INT);\nCREATE INDEX t_a ON t (a);", "DROP TABLE t;");
        assertThat(rules(PG, "1_t.sql", index, "2_drop.sql", migration("DROP INDEX t_a;",
                "CREATE INDEX t_a ON t (a);"))).contains("pg-index-without-concurrently");
    }

    @Test
    void pgVolatileDefaultFiresOnRandomButNotOnAConstant() throws IOException {
        assertThat(afterUsers(PG, migration("ALTER TABLE users ADD COLUMN token UUID DEFAULT gen_random_uuid();",
                "ALTER TABLE users DROP COLUMN token;"))).contains("pg-volatile-default");
        assertThat(afterUsers(PG, migration("ALTER TABLE users ADD COLUMN n INT DEFAULT 0;",
                "ALTER TABLE users DROP COLUMN n;"))).doesNotContain("pg-volatile-default");
    }

    @Test
    void pgColumnTypeChangeFiresOnAlterColumnType() throws IOException {
        assertThat(afterUsers(PG, migration("ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(200);",
                "ALTER TABLE users ALTER COLUMN name TYPE TEXT;"))).contains("pg-column-type-change");
        assertThat(afterUsers(PG, migration("ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x';",
                "ALTER TABLE users ALTER COLUMN name DROP DEFAULT;"))).doesNotContain("pg-column-type-change");
    }

    @Test
    void pgConstraintWithoutNotValidFiresUnlessNotValid() throws IOException {
        assertThat(afterUsers(PG, migration("ALTER TABLE users ADD CONSTRAINT email_at CHECK (email LIKE '%@%');",
                "ALTER TABLE users DROP CONSTRAINT email_at;"))).contains("pg-constraint-without-not-valid");
        assertThat(afterUsers(PG, migration(
                "ALTER TABLE users ADD CONSTRAINT email_at CHECK (email LIKE '%@%') NOT VALID;",
                "ALTER TABLE users DROP CONSTRAINT email_at;"))).doesNotContain("pg-constraint-without-not-valid");
    }

    @Test
    void pgSetNotNullFiresOnAnExistingColumn() throws IOException {
        assertThat(afterUsers(PG, migration("ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
                "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;"))).contains("pg-set-not-null");
        assertThat(rules(PG, "1_t.sql", migration("CREATE TABLE t (a INT);\nALTER TABLE t ALTER COLUMN a SET NOT "
                + "NULL;", "DROP TABLE t;"))).doesNotContain("pg-set-not-null");
    }

    @Test
    void pgRenameFiresOnAnExistingTableOrColumn() throws IOException {
        assertThat(afterUsers(PG, migration("ALTER TABLE users RENAME COLUMN name TO full_name;",
                "ALTER TABLE users RENAME COLUMN full_name TO name;"))).contains("pg-rename");
        assertThat(rules(PG, "1_t.sql", migration("CREATE TABLE t (a INT);\nALTER TABLE t RENAME a TO b;",
                "DROP TABLE t;"))).doesNotContain("pg-rename");
    }

    @Test
    void pgLockTimeoutOffFiresWhenTheMigrationSwitchesItOffBeforeALock() throws IOException {
        assertThat(afterUsers(PG, migration("SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN n INT;",
                "ALTER TABLE users DROP COLUMN n;"))).contains("pg-lock-timeout-off");
        assertThat(afterUsers(PG, migration("SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN n INT;",
                "ALTER TABLE users DROP COLUMN n;"))).doesNotContain("pg-lock-timeout-off");
    }

    @Test
    void sqliteUnsupportedAlterFiresOnAlterColumnButNotOnAddColumn() throws IOException {
        assertThat(afterUsers("sqlite", migration("ALTER TABLE users ALTER COLUMN name SET NOT NULL;",
                "SELECT 1;"))).contains("sqlite-unsupported-alter");
        assertThat(afterUsers("sqlite", migration("ALTER TABLE users ADD COLUMN age INTEGER NOT NULL;",
                "ALTER TABLE users DROP COLUMN age;"))).contains("sqlite-unsupported-alter");
        assertThat(afterUsers("sqlite", migration("ALTER TABLE users ADD COLUMN age INTEGER;",
                "ALTER TABLE users DROP COLUMN age;"))).doesNotContain("sqlite-unsupported-alter");
    }

    @Test
    void sqliteRebuildWithoutForeignKeysOffFiresUnlessTheDirectiveIsThere() throws IOException {
        String rebuild = """
                CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
                INSERT INTO users_new (id, email) SELECT id, email FROM users;
                DROP TABLE users;
                ALTER TABLE users_new RENAME TO users;""";
        List<String> without = afterUsers("sqlite", migration(rebuild, "SELECT 1;"));
        assertThat(without).contains("sqlite-rebuild-without-foreign-keys-off").doesNotContain("destructive",
                "down-does-not-undo");
        assertThat(afterUsers("sqlite", "-- godwit:foreign-keys off\n" + migration(rebuild, "SELECT 1;")))
                .doesNotContain("sqlite-rebuild-without-foreign-keys-off");
    }

    @Test
    void sqliteDropColumnInUseFiresWhenAnIndexUsesTheColumn() throws IOException {
        String index = migration("CREATE INDEX users_email ON users (email);", "DROP INDEX users_email;");
        assertThat(rules("sqlite", "1_users.sql", USERS, "2_index.sql", index, "3_drop.sql",
                migration("ALTER TABLE users DROP COLUMN email;", "ALTER TABLE users ADD COLUMN email TEXT;")))
                .contains("sqlite-drop-column-in-use");
        assertThat(rules("sqlite", "1_users.sql", USERS, "2_index.sql", index, "3_drop.sql",
                migration("ALTER TABLE users DROP COLUMN name;", "ALTER TABLE users ADD COLUMN name TEXT;")))
                .doesNotContain("sqlite-drop-column-in-use");
    }

    @Test
    void sqliteDropColumnInUseFiresWhenAViewUsesTheColumn() throws IOException {
        String view = migration("CREATE VIEW emails AS SELECT email FROM users;", "DROP VIEW emails;");
        assertThat(rules("sqlite", "1_users.sql", USERS, "2_view.sql", view, "3_drop.sql",
                migration("ALTER TABLE users DROP COLUMN email;", "ALTER TABLE users ADD COLUMN email TEXT;")))
                .contains("sqlite-drop-column-in-use");
    }

    @Test
    void needsNoTransactionFiresOnVacuumInATransactionalMigration() throws IOException {
        assertThat(afterUsers("sqlite", migration("VACUUM;", "SELECT 1;"))).contains("needs-no-transaction");
        assertThat(afterUsers("sqlite", "-- godwit:no-transaction\n" + migration("VACUUM;", "SELECT 1;")))
                .doesNotContain("needs-no-transaction");
        assertThat(afterUsers(PG, migration("CREATE INDEX CONCURRENTLY users_email ON users (email);",
                "SELECT 1;"))).contains("needs-no-transaction");
    }

    @Test
    void noDownFiresOnAMigrationWithoutADownSection() throws IOException {
        LintReport report = lint("sqlite", LintSettings.DEFAULTS, "1_t.sql",
                "-- migrate:up\nCREATE TABLE t (a INT);\n");
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.NO_DOWN);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.file()).isEqualTo("1_t.sql");
        });
        assertThat(rules("sqlite", "1_users.sql", USERS)).doesNotContain("no-down");
    }

    @Test
    void destructiveFiresOnDropTableDropColumnTruncateAndDeleteWithoutWhere() throws IOException {
        assertThat(afterUsers("sqlite", migration("DROP TABLE users;", "CREATE TABLE users (id INTEGER);")))
                .contains("destructive");
        assertThat(afterUsers(PG, migration("ALTER TABLE users DROP COLUMN name;",
                "ALTER TABLE users ADD COLUMN name TEXT;"))).contains("destructive");
        assertThat(afterUsers(PG, migration("TRUNCATE users;", "SELECT 1;"))).contains("destructive");
        assertThat(afterUsers("sqlite", migration("DELETE FROM users;", "SELECT 1;"))).contains("destructive");
        assertThat(afterUsers("sqlite", migration("DELETE FROM users WHERE id = 1;", "SELECT 1;")))
                .doesNotContain("destructive");
    }

    @Test
    void transactionControlFiresInATransactionalMigrationInsteadOfFailingTheLoad() throws IOException {
        LintReport report = lint("sqlite", LintSettings.DEFAULTS, "1_users.sql", USERS, "2_tx.sql",
                migration("BEGIN;\nINSERT INTO users (id) VALUES (1);\nCOMMIT;", "DELETE FROM users WHERE id = 1;"));
        assertThat(report.findings()).filteredOn(f -> f.rule() == Rule.TRANSACTION_CONTROL)
                .extracting(Finding::line).containsExactly(2, 4);
        assertThat(afterUsers("sqlite", "-- godwit:no-transaction\n" + migration(
                "BEGIN;\nINSERT INTO users (id) VALUES (1);\nCOMMIT;", "DELETE FROM users WHERE id = 1;")))
                .doesNotContain("transaction-control");
    }

    @Test
    void downDoesNotUndoFiresWhenTheDownSectionForgetsATable() throws IOException {
        assertThat(rules("sqlite", "1_t.sql", migration("CREATE TABLE t (a INT);\nCREATE TABLE u (b INT);",
                "DROP TABLE t;"))).containsExactly("down-does-not-undo");
        assertThat(rules("sqlite", "1_t.sql", migration("CREATE TABLE t (a INT);\nCREATE INDEX t_a ON t (a);",
                "DROP TABLE t;"))).isEmpty();
        assertThat(afterUsers(PG, migration("ALTER TABLE users ADD COLUMN age INT;", "SELECT 1;")))
                .contains("down-does-not-undo");
    }

    @Test
    void notIdempotentFiresOnlyWhenAskedFor() throws IOException {
        String plain = migration("CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1);", "DROP TABLE t;");
        assertThat(rules(PG, "1_t.sql", plain)).doesNotContain("not-idempotent");
        LintSettings idempotent = new LintSettings(Map.of(), true);
        assertThat(lint(PG, idempotent, "1_t.sql", plain).findings()).extracting(f -> f.rule().id())
                .containsExactly("not-idempotent", "not-idempotent"); // the up section's CREATE and INSERT
        assertThat(lint(PG, idempotent, "1_t.sql", migration("CREATE TABLE IF NOT EXISTS t (a INT);\n"
                + "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;", "DROP TABLE IF EXISTS t;")).findings())
                .isEmpty();
    }

    @Test
    void postgresRulesDoNotRunOnSqliteAndTheOtherWayRound() throws IOException {
        assertThat(afterUsers("sqlite", migration("CREATE INDEX users_email ON users (email);",
                "DROP INDEX users_email;"))).isEmpty();
        assertThat(afterUsers(PG, migration("ALTER TABLE users ADD COLUMN age INTEGER NOT NULL DEFAULT 0;",
                "ALTER TABLE users DROP COLUMN age;"))).isEmpty();
    }

    @Test
    void anIgnoreCommentAboveAStatementSilencesThatRuleThereOnly() throws IOException {
        LintReport report = lint(PG, LintSettings.DEFAULTS, "1_users.sql", USERS, "2_idx.sql", migration("""
                CREATE INDEX users_name ON users (name);
                -- godwit:lint-ignore pg-index-without-concurrently
                CREATE INDEX users_email ON users (email);""", "DROP INDEX users_email;\nDROP INDEX users_name;"));
        assertThat(report.findings()).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.PG_INDEX_WITHOUT_CONCURRENTLY, 2));
        assertThat(report.ignored()).isEqualTo(1);
    }

    @Test
    void anIgnoreCommentInTheLeadingCommentsSilencesTheRulesForTheWholeFile() throws IOException {
        LintReport report = lint(PG, LintSettings.DEFAULTS, "1_users.sql", USERS, "2_idx.sql",
                "-- godwit:lint-ignore pg-index-without-concurrently, destructive\n" + migration("""
                CREATE INDEX users_email ON users (email);
                ALTER TABLE users DROP COLUMN name;
                CREATE INDEX users_name ON users (name);""", "DROP INDEX users_email;\nDROP INDEX users_name;\n"
                + "ALTER TABLE users ADD COLUMN name TEXT;"));
        assertThat(report.findings()).isEmpty();
        assertThat(report.ignored()).isEqualTo(3);
    }

    @Test
    void severitiesCanBeRaisedLoweredOrSwitchedOff() throws IOException {
        String dropping = migration("DROP TABLE users;", "CREATE TABLE users (id INTEGER);");
        LintSettings raised = LintSettings.parse(List.of("destructive=error", "no-down=off"), false);
        LintReport report = lint("sqlite", raised, "1_users.sql", USERS, "2_drop.sql", dropping);
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.severity())
                .isEqualTo(Severity.ERROR));
        assertThat(report.failsAt(Severity.ERROR)).isTrue();
        LintReport off = lint("sqlite", new LintSettings(Map.of("destructive", Optional.empty()), false),
                "1_users.sql", USERS, "2_drop.sql", dropping);
        assertThat(off.findings()).isEmpty();
        assertThat(off.rules()).doesNotContain(Rule.DESTRUCTIVE);
    }

    @Test
    void anUnknownRuleOrLevelIsRefused() {
        assertThatThrownBy(() -> LintSettings.parse(List.of("no-such-rule=error"), false))
                .isInstanceOf(GodwitException.class).hasMessageContaining("no-such-rule")
                .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.USAGE));
        assertThatThrownBy(() -> LintSettings.parse(List.of("destructive=loud"), false))
                .isInstanceOf(GodwitException.class).hasMessageContaining("loud");
    }

    @Test
    void tokensNeverReadWordsInsideStringsCommentsOrDollarQuotes() {
        Tokens t = Tokens.of("DELETE /* WHERE */ FROM t -- WHERE\n; SELECT 'WHERE', $$WHERE$$");
        assertThat(t.find(0, "WHERE")).isEqualTo(-1);
    }
}
