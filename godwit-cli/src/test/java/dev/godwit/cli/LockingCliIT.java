package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration lease, {@code unlock}, and what status says about a run that was cut short. */
class LockingCliIT {
    @TempDir
    Path tmp;
    CliProject project;
    Path dir;
    Path db;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        project = new CliProject(tmp);
        dir = project.dir;
        db = project.db;
        env = project.env;
        Files.createDirectories(db.getParent()); // some tests write the database before Godwit creates it
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE users;\n");
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE posts;\n");
    }

    private void write(String name, String text) throws IOException {
        project.write(name, text);
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(env, project.withDb(args));
    }

    private void plantLease(String table, String host, long pid, Instant expires) {
        SqliteDb.exec(db, "CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), "
                + "owner TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, acquired_at TEXT NOT NULL, "
                + "expires_at TEXT NOT NULL)");
        SqliteDb.exec(db, "INSERT OR REPLACE INTO " + table + " (id, owner, host, pid, acquired_at, expires_at) "
                + "VALUES (1, 'other-runner', '" + host + "', " + pid
                + ", '2025-05-01T10:00:00Z', '" + expires + "')");
    }

    @Test
    void upReleasesItsLeaseWhenItFinishes() {
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_lock")).containsExactly("0");
    }

    @Test
    void aLiveLeaseOfAnotherRunnerMakesUpWaitThenExitThreeNamingTheHolder() {
        godwit("up", "--step", "1");
        plantLease("godwit_lock", "app-server-2", 4242, Instant.now().plusSeconds(120));

        Cli.Result r = godwit("--lock-timeout", "1", "up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("waiting for the migration lock held by pid 4242 on host app-server-2 since "
                        + "2025-05-01T10:00:00Z")
                .contains("another runner holds the migration lock")
                .contains("hint:").contains("godwit unlock");
        assertThat(SqliteDb.history(db)).containsExactly("1|1");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheRunSaysWhose() {
        plantLease("godwit_lock", "app-server-2", 4242, Instant.now().minusSeconds(3600));

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: took over the migration lock of pid 4242 on host app-server-2")
                .contains("expired");
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
    }

    @Test
    void unlockSaysWhoseLeaseItRemoves() {
        godwit("up");
        plantLease("godwit_lock", "app-server-2", 4242, Instant.now().plusSeconds(120));

        Cli.Result r = godwit("unlock");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("removed the migration lock of sqlite:" + db
                + " held by pid 4242 on host app-server-2 since 2025-05-01T10:00:00Z");
        assertThat(r.err()).contains("the lease was still valid");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_lock")).containsExactly("0");
        assertThat(godwit("unlock").out()).contains("no migration lock is held");
        assertThat(godwit("--lock-timeout", "0", "down").exit()).isZero();
    }

    @Test
    void theLockTableFollowsTheHistoryTableSoTwoTablesDoNotShareALock() {
        plantLease("godwit_lock", "app-server-2", 4242, Instant.now().plusSeconds(120));

        Cli.Result r = godwit("--table", "schema_migrations", "--lock-timeout", "0", "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM schema_migrations_lock")).containsExactly("0");
        assertThat(SqliteDb.query(db, "SELECT host FROM godwit_lock")).containsExactly("app-server-2");
        assertThat(godwit("--table", "schema_migrations", "unlock").out()).contains("no migration lock is held");
    }

    @Test
    void aNoTransactionMigrationCutShortByAKillShowsAsFailedAndInterruptedEverywhere() throws IOException {
        write("3_vacuum.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE t3 (id INTEGER);\n"
                + "VACUUM;\n-- migrate:down\nDROP TABLE t3;\n");
        godwit("up", "--to", "2");
        // What a runner killed during statement 2 leaves behind.
        SqliteDb.exec(db, "CREATE TABLE t3 (id INTEGER)");
        SqliteDb.exec(db, "INSERT INTO godwit_history VALUES ('3', 'vacuum', '3_vacuum.sql', 'sha256:x', NULL, 'sql', "
                + "'2025-05-01T10:00:00Z', 'me', 5, 0, 'running statement 2 of 2 (line 4)')");

        Cli.Result status = godwit("status");
        assertThat(status.out()).containsPattern("3\\s+vacuum\\s+failed")
                .contains("3: interrupted at statement 2 of 2 (line 4): the runner stopped (killed or crashed)");
        Cli.Result validate = godwit("validate");
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).contains("3 3_vacuum.sql: failed part-way: interrupted at statement 2 of 2");
        Cli.Result up = godwit("up");
        assertThat(up.exit()).isEqualTo(2);
        assertThat(up.err()).contains("3_vacuum.sql: failed part-way (interrupted at statement 2 of 2 (line 4)")
                .contains("then run 'godwit repair'");
    }

    @Test
    void aNoTransactionMigrationWritesWhichStatementRunsBeforeEachOne() throws IOException {
        write("3_vacuum.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE t3 (id INTEGER);\n"
                + "CREATE TABLE t3b (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n");
        Cli.Result r = godwit("up");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(SqliteDb.query(db, "SELECT success, note FROM godwit_history WHERE version = '3'"))
                .singleElement().asString().startsWith("0|stopped at statement 3 of 3");
    }
}
