package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups before runs, {@code restore}, and {@code --restore-on-failure}, on real SQLite files. */
class BackupsCliIT {
    @TempDir
    Path tmp;
    CliProject f;

    @BeforeEach
    void setUp() throws IOException {
        f = CliProject.blog(tmp);
    }

    private void addFourth() {
        f.write("4_add_comments.sql", """
                -- migrate:up
                CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts(id));
                -- migrate:down
                DROP TABLE comments;
                """);
    }

    @Test
    void aDatabaseThatDoesNotExistYetIsNotBackedUp() {
        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(f.backups()).isEmpty();
        assertThat(r.err()).doesNotContain("backup:");
    }

    @Test
    void aRunThatChangesTheDatabaseBacksItUpFirstNamedWithTheUtcTimeAndSaysWhere() {
        f.godwit("up");
        addFourth();

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        List<Path> backups = f.backups();
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).getFileName().toString()).matches("app\\.db\\.\\d{8}T\\d{6}Z\\.bak");
        assertThat(r.err()).contains("backup: " + backups.get(0));
        assertThat(SqliteDb.history(backups.get(0))).containsExactly("1|1", "2|1", "3|1");
        assertThat(SqliteDb.tables(f.db)).contains("comments");
    }

    @Test
    void downIsBackedUpToo() {
        f.godwit("up");

        assertThat(f.godwit("down").exit()).isZero();

        assertThat(f.backups()).hasSize(1);
        assertThat(SqliteDb.history(f.backups().get(0))).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void upAndDownOptionsAreAcceptedBeforeTheCommandName() {
        f.godwit("up");
        addFourth();

        Cli.Result r = f.godwit("--no-backup", "--step", "1", "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(f.backups()).isEmpty();
        assertThat(SqliteDb.tables(f.db)).contains("comments");

        Cli.Result unknownHere = f.godwit("--no-backup", "status");
        assertThat(unknownHere.exit()).as(unknownHere.toString()).isEqualTo(2);
        assertThat(unknownHere.err()).contains("Unknown option: '--no-backup'")
                .contains("--no-backup is an option of up, down");
    }

    @Test
    void dryRunsRunsWithNothingToDoAndNoBackupTakeNone() {
        f.godwit("up");
        addFourth();

        assertThat(f.godwit("up", "--dry-run").exit()).isZero();
        assertThat(f.godwit("up", "--no-backup").exit()).isZero();
        assertThat(f.godwit("up").exit()).isZero();

        assertThat(f.backups()).isEmpty();
    }

    @Test
    void onlyTheNewestKeepBackupsAreKept() {
        f.godwit("up", "--step", "1");
        for (int i = 0; i < 4; i++) {
            assertThat(f.godwit("up", "--keep-backups", "2").exit()).isZero();
            assertThat(f.godwit("down", "--to", "1", "--keep-backups", "2").exit()).isZero();
        }
        assertThat(f.backups()).hasSize(2);
        // the newest one was taken before the last down: all three applied
        assertThat(SqliteDb.history(f.godwit("restore", "--list").out().lines().findFirst()
                .map(l -> Path.of(l.split("  ")[0])).orElseThrow())).containsExactly("1|1", "2|1", "3|1");
        assertThat(f.godwit("up", "--keep-backups", "0").exit()).isEqualTo(2);
    }

    @Test
    void restorePutsTheLatestBackupBackWithYesAndKeepsACopyOfTheDatabaseAsItWas() {
        f.godwit("up");
        addFourth();
        f.godwit("up");
        Path backup = f.backups().get(0);

        Cli.Result r = f.godwit("restore", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("restored " + f.db + " from " + backup);
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
        assertThat(SqliteDb.tables(f.db)).doesNotContain("comments");
        assertThat(SqliteDb.query(f.db, "PRAGMA integrity_check")).containsExactly("ok");
        Path before = Path.of(r.err().lines().filter(l -> l.startsWith("the database as it was before the restore: "))
                .findFirst().orElseThrow().substring("the database as it was before the restore: ".length()));
        assertThat(before.getFileName().toString()).endsWith(".before-restore.bak");
        assertThat(SqliteDb.tables(before)).contains("comments");
        assertThat(f.backups()).containsExactly(backup);
    }

    @Test
    void aLockRowThatCameWithTheBackupIsRemovedByTheRestore() {
        f.godwit("up");
        addFourth();
        f.godwit("up");
        Path backup = f.backups().get(0);
        SqliteDb.exec(backup, "INSERT OR REPLACE INTO godwit_lock (id, owner, host, pid, acquired_at, expires_at) VALUES "
                + "(1, 'ghost', 'elsewhere', 4242, '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')");

        Cli.Result r = f.godwit("restore", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("removed the lock row that came with the backup (elsewhere, pid 4242)");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM godwit_lock")).containsExactly("0");
        Cli.Result up = f.godwit("--lock-timeout", "1", "up");
        assertThat(up.exit()).as(up.toString()).isZero();
    }

    @Test
    void restorePutsBackTheBackupItIsGivenByName() {
        f.godwit("up", "--step", "1");
        f.godwit("up", "--step", "1");
        f.godwit("up");
        List<String> newestFirst = f.godwit("restore", "--list").out().lines().toList();
        assertThat(newestFirst).hasSize(2);
        Path oldest = Path.of(newestFirst.get(1).split("  ")[0]);

        Cli.Result r = f.godwit("restore", oldest.getFileName().toString(), "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1");
    }

    @Test
    void restoreWithoutATerminalAndWithoutYesIsRefusedWithExitTwoAndChangesNothing() {
        f.godwit("up");
        addFourth();
        f.godwit("up");
        String before = f.fingerprint();

        Cli.Result r = f.godwit("restore");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("restore sqlite:" + f.db + " from " + f.backups().get(0))
                .contains("no terminal").contains("--yes");
        assertThat(f.fingerprint()).isEqualTo(before);
    }

    @Test
    void restoreAsksOnATerminalAndOnlyYesGoesAhead() {
        f.godwit("up");
        addFourth();
        f.godwit("up");
        String before = f.fingerprint();

        Cli.Result no = f.interactive("no\n", "restore");
        assertThat(no.exit()).as(no.toString()).isEqualTo(2);
        assertThat(no.err()).contains("Type 'yes' to confirm").contains("not confirmed");
        assertThat(f.fingerprint()).isEqualTo(before);

        Cli.Result yes = f.interactive("yes\n", "restore");
        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(SqliteDb.tables(f.db)).doesNotContain("comments");
    }

    @Test
    void restoreWithNoBackupsIsRefused() {
        f.godwit("up");

        Cli.Result r = f.godwit("restore", "--yes");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("there are no backups of " + f.db);
    }

    @Test
    void restoreIntoAWalDatabaseThatAnotherConnectionHasOpenIsSeenByIt() throws Exception {
        f.godwit("up");
        addFourth();
        f.godwit("up");
        assertThat(SqliteDb.query(f.db, "PRAGMA journal_mode")).containsExactly("wal");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + f.db);
             Statement s = other.createStatement()) {
            s.executeUpdate("INSERT INTO comments (id) VALUES (1)");
            assertThat(Files.exists(f.db.resolveSibling("app.db-wal"))).isTrue();

            Cli.Result r = f.godwit("restore", "--yes");

            assertThat(r.exit()).as(r.toString()).isZero();
            try (var rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'comments'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        assertThat(SqliteDb.query(f.db, "PRAGMA integrity_check")).containsExactly("ok");
        assertThat(SqliteDb.query(f.db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void aDatabaseFileSqliteCannotOpenIsReplacedAndItsStaleSideFilesRemoved() throws IOException {
        f.godwit("up");
        addFourth();
        f.godwit("up");
        String garbage = "this is not a database any more, it was overwritten by mistake ".repeat(20);
        Files.writeString(f.db, garbage);
        Files.writeString(f.db.resolveSibling("app.db-wal"), "stale");

        Cli.Result r = f.godwit("restore", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        Path kept = Path.of(r.err().lines().filter(l -> l.contains("before the restore: ")).findFirst().orElseThrow()
                .replaceAll(".*before the restore: ", "").strip());
        assertThat(Files.readString(kept)).as("the unreadable file is kept as it was").isEqualTo(garbage);
        assertThat(Files.exists(f.db.resolveSibling("app.db-wal"))).isFalse();
        assertThat(SqliteDb.query(f.db, "PRAGMA integrity_check")).containsExactly("ok");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void aBackupThatCannotBeWrittenWholeLeavesNothingBehindAndChangesNothing() throws Exception {
        f.write("1_create_users.sql", """
                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, photo BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                INSERT INTO users (id, name, photo) SELECT i + 10, 'u' || i, randomblob(1000) FROM n;
                -- migrate:down
                DROP TABLE users;
                """);
        f.godwit("up");
        addFourth();
        List<String> schema = SqliteDb.schema(f.db);
        List<String> history = SqliteDb.history(f.db);
        assertThat(Files.size(f.db)).isGreaterThan(200 * 1024);

        // A file that cannot grow past 100 KiB (RLIMIT_FSIZE): the backup of a 300 KiB database is cut short.
        ProcessResult r = godwitWithFileSizeLimit(100, "up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("backing up " + f.db).contains("nothing of the backup was left behind")
                .contains("free disk space");
        try (Stream<Path> files = Files.list(f.db.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith("-shm") && !n.endsWith("-wal")))
                    .as("no .bak, .partial or -journal left behind").containsExactly("app.db");
        }
        assertThat(SqliteDb.schema(f.db)).isEqualTo(schema);
        assertThat(SqliteDb.history(f.db)).isEqualTo(history);
        assertThat(SqliteDb.tables(f.db)).doesNotContain("comments");
    }

    @Test
    void restorePassesOverAnIncompleteBackupAndTheListSaysWhichOnesAre() throws IOException {
        f.godwit("up", "--step", "2");
        f.godwit("up");
        Path good = f.backups().get(0);
        // What an interrupted backup used to leave: a newer .bak cut short.
        Path cut = good.resolveSibling("app.db.29991231T235959Z.bak");
        byte[] whole = Files.readAllBytes(good);
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        Cli.Result list = f.godwit("restore", "--list");
        assertThat(list.out()).contains(cut + "  ").contains("INCOMPLETE");
        assertThat(list.out().lines().filter(l -> l.contains("INCOMPLETE"))).hasSize(1);

        Cli.Result r = f.godwit("restore", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("restored " + f.db + " from " + good);
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1");
    }

    private record ProcessResult(int exit, String out, String err) {
    }

    /** Runs the CLI as a process whose files cannot grow beyond {@code kib} KiB ({@code ulimit -f}). */
    private ProcessResult godwitWithFileSizeLimit(int kib, String... args) throws Exception {
        Process p = GodwitProcess.withFileSizeLimit(tmp, tmp.resolve("native"), kib, List.of(f.withDb(args))).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(p.exitValue(), out.join(), err);
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void backupsAreSqliteOnlyAndSaySo() {
        Cli.Result restore = Cli.run(f.env, "restore", "--url", "postgres://app:s3cret@db.example/app", "--yes");
        assertThat(restore.exit()).isEqualTo(2);
        assertThat(restore.err()).contains("SQLite-only").doesNotContain("s3cret");

        Cli.Result up = Cli.run(f.env, "up", "--url", "postgres://app:s3cret@db.example/app", "--dir",
                f.dir.toString(), "--restore-on-failure");
        assertThat(up.exit()).isEqualTo(2);
        assertThat(up.err()).contains("backups are SQLite-only").doesNotContain("s3cret");
    }

    private void addHalfFailingNoTransactionMigration() {
        f.write("4_vacuum_and_fail.sql", """
                -- godwit:no-transaction
                -- migrate:up
                INSERT INTO users (id, name) VALUES (3, 'cid');
                UPDATE posts SET title = upper(title);
                INSERT INTO nowhere VALUES (1);
                -- migrate:down
                DELETE FROM users WHERE id = 3;
                """);
    }

    @Test
    void aHalfRunNoTransactionMigrationOffersTheBackup() {
        f.godwit("up");
        addHalfFailingNoTransactionMigration();

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        Path backup = f.backups().get(0);
        assertThat(r.err()).contains("a backup taken just before this run is at " + backup)
                .contains("godwit restore " + backup);
        assertThat(SqliteDb.query(f.db, "SELECT name FROM users WHERE id = 3")).containsExactly("cid");
    }

    @Test
    void restoreOnFailurePutsTheDatabaseBackAsItWasBeforeTheRun() {
        f.godwit("up");
        List<String> schema = SqliteDb.schema(f.db);
        addHalfFailingNoTransactionMigration();

        Cli.Result r = f.godwit("up", "--restore-on-failure");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("--restore-on-failure: put back the backup taken just before this run")
                .contains("restored " + f.backups().get(0))
                .doesNotContain("stay applied").doesNotContain("marked failed");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM users")).containsExactly("2");
        assertThat(SqliteDb.query(f.db, "SELECT title FROM posts ORDER BY id")).containsExactly("hello", "hi");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
        assertThat(SqliteDb.schema(f.db)).isEqualTo(schema);
        assertThat(SqliteDb.query(f.db, "PRAGMA integrity_check")).containsExactly("ok");
    }

    @Test
    void restoreOnFailureAndNoBackupContradictEachOther() {
        Cli.Result r = f.godwit("up", "--no-backup", "--restore-on-failure");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--restore-on-failure needs a backup");
        assertThat(Files.exists(f.db)).isFalse();
    }

}
