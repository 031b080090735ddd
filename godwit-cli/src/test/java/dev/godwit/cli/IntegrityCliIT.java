package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Foreign-key checks before COMMIT, {@code -- godwit:foreign-keys off}, and the checks after a run. */
class IntegrityCliIT {
    @TempDir
    Path tmp;
    CliProject f;

    @BeforeEach
    void setUp() throws IOException {
        f = CliProject.blog(tmp);
        assertThat(f.godwit("up").exit()).isZero();
    }

    @Test
    void aRunReportsItsIntegrityAndForeignKeyChecks() {
        f.write("4_more.sql", "-- migrate:up\nINSERT INTO users (id, name) VALUES (3, 'cid');\n");

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("checked " + f.db + ": integrity ok, foreign keys ok");
    }

    @Test
    void aMigrationThatBreaksReferencesIsRolledBackWithTheOffendingRowsNamed() {
        f.write("4_orphans.sql", """
                -- migrate:up
                PRAGMA defer_foreign_keys = ON;
                INSERT INTO posts (id, user_id, title) VALUES (3, 99, 'orphan');
                DELETE FROM users WHERE id = 2;
                """);

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("applying  4_orphans.sql ... FAILED")
                .contains("migration 4 (4_orphans.sql) leaves 2 row(s) that break foreign keys")
                .contains("posts rowid 3: user_id=99 -> users(id): no such row")
                .contains("posts rowid 2: user_id=2 -> users(id): no such row")
                .contains("nothing of 4_orphans.sql remains");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM posts")).containsExactly("2");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM users")).containsExactly("2");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
    }

    private static final String REBUILD_USERS = """
            -- godwit:foreign-keys off
            -- migrate:up
            CREATE TABLE new_users (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                                    email TEXT NOT NULL DEFAULT '' CHECK (length(email) < 200));
            INSERT INTO new_users (id, name) SELECT id, name FROM users;
            DROP TABLE users;
            ALTER TABLE new_users RENAME TO users;
            CREATE INDEX users_email ON users(email);
            """;

    @Test
    void withoutTheDirectiveRebuildingAReferencedTableFails() {
        f.write("4_rebuild_users.sql", REBUILD_USERS.replace("-- godwit:foreign-keys off\n", ""));

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("FOREIGN KEY constraint failed");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM users")).containsExactly("2");
    }

    @Test
    void foreignKeysOffRebuildsAReferencedTableAndLeavesEnforcementOn() {
        f.write("4_rebuild_users.sql", REBUILD_USERS);
        f.write("5_orphan.sql", "-- migrate:up\nINSERT INTO posts (id, user_id, title) VALUES (9, 42, 'x');\n");

        Cli.Result r = f.godwit("up");

        // 4 rebuilt users; 5 ran on the same connection afterwards and was stopped by enforcement itself
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("applying  4_rebuild_users.sql ... ok")
                .contains("5_orphan.sql").contains("FOREIGN KEY constraint failed");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1", "4|1");
        assertThat(SqliteDb.query(f.db, "SELECT id, name, email FROM users ORDER BY id"))
                .containsExactly("1|ann|", "2|bob|");
        assertThat(SqliteDb.query(f.db, "SELECT sql FROM sqlite_master WHERE name = 'users'").get(0))
                .contains("email");
        assertThat(SqliteDb.query(f.db, "PRAGMA foreign_key_check")).isEmpty();
        assertThat(SqliteDb.query(f.db, "SELECT \"table\" FROM pragma_foreign_key_list('posts')"))
                .containsExactly("users");
    }

    @Test
    void aRebuildWithForeignKeysOffThatLosesParentRowsIsRolledBack() {
        f.write("4_rebuild_users.sql", REBUILD_USERS.replace("SELECT id, name FROM users;",
                "SELECT id, name FROM users WHERE id = 1;"));

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("posts rowid 2: user_id=2 -> users(id): no such row");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM users")).containsExactly("2");
        assertThat(SqliteDb.query(f.db, "SELECT sql FROM sqlite_master WHERE name = 'users'").get(0))
                .doesNotContain("email");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");

        f.write("5_orphan.sql", "-- migrate:up\nINSERT INTO posts (id, user_id, title) VALUES (9, 42, 'x');\n");
        f.write("4_rebuild_users.sql", "-- migrate:up\nSELECT 1;\n");
        Cli.Result after = f.godwit("up");
        assertThat(after.err()).as("enforcement is back on after a failed foreign-keys-off migration")
                .contains("FOREIGN KEY constraint failed");
    }

    @Test
    void foreignKeysBrokenOutsideATransactionFailTheChecksAfterTheRun() {
        f.write("4_unchecked.sql", """
                -- godwit:no-transaction
                -- migrate:up
                PRAGMA foreign_keys = OFF;
                INSERT INTO posts (id, user_id, title) VALUES (7, 70, 'lost');
                PRAGMA foreign_keys = ON;
                """);

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("the run finished, but the database fails its checks")
                .contains("posts rowid 7: user_id=70 -> users(id): no such row")
                .contains("godwit restore " + f.backups().get(0));
    }

    @Test
    void rowsThatBrokeForeignKeysBeforeTheRunAreToleratedWithAWarning() {
        SqliteDb.exec(f.db, "INSERT INTO posts (id, user_id, title) VALUES (5, 50, 'old orphan')");
        f.write("4_more.sql", "-- migrate:up\nINSERT INTO users (id, name) VALUES (3, 'cid');\n");

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("already has 1 row(s) that break foreign keys")
                .contains("posts rowid 5: user_id=50 -> users(id): no such row");
        assertThat(SqliteDb.history(f.db)).contains("4|1");
    }
}
