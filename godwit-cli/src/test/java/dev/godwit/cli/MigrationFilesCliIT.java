package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Godwit reads from the migrations folder is what runs, and what it says about it is what happened: empty
 * down sections, files `new` writes, names of every script, files it does not run, and the file a failure is in.
 */
class MigrationFilesCliIT {
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
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(env, project.withDb(args));
    }

    private List<String> history() {
        return SqliteDb.query(db, "SELECT version, script, success FROM godwit_history ORDER BY version");
    }

    // 1. An empty down section is no rollback

    @Test
    void anEmptyDownSectionMeansTheMigrationCannotBeRolledBackAndDownChangesNothing() {
        project.write("1_add_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\n");
        project.write("2_add_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\n-- TODO\n/* later */\n");
        assertThat(godwit("up").exit()).isZero();
        List<String> schema = SqliteDb.schema(db);
        List<String> history = history();

        for (String[] args : new String[][] {{"down"}, {"down", "--all"}, {"down", "--dry-run"}}) {
            Cli.Result r = godwit(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
            assertThat(r.err()).contains("2_add_posts.sql: has no down section with SQL, so it cannot be rolled back");
        }
        Cli.Result all = godwit("down", "--all");
        assertThat(all.err()).contains("1_add_users.sql: has no down section with SQL");
        assertThat(SqliteDb.schema(db)).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
        assertThat(godwit("up").exit()).isZero();
    }

    @Test
    void anEmptyOrCommentOnlyDownFileOfAPairIsNoRollbackEither() {
        project.write("1_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        project.write("1_users.down.sql", "-- nothing to do\n\n");
        assertThat(godwit("up").exit()).isZero();

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("1_users.up.sql: has no down section with SQL");
        assertThat(SqliteDb.tables(db)).containsExactly("users");
        assertThat(history()).containsExactly("1|1_users.up.sql|1");
    }

    @Test
    void aCommentOnlyDownRecordedInHistoryIsRefusedBeforeAnyChange() {
        project.write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE users;\n");
        assertThat(godwit("up").exit()).isZero();
        // as an older Godwit recorded a comment-only down section; the file is gone since
        SqliteDb.exec(db, "UPDATE godwit_history SET down_sql = '-- nothing' WHERE version = '1'");
        project.write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");
        assertThat(dir.resolve("1_users.sql").toFile().delete()).isTrue();

        Cli.Result r = godwit("down", "--to", "2");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2); // 2 is not applied: unknown target, nothing changed
        Cli.Result down = godwit("down");

        assertThat(down.exit()).as(down.toString()).isEqualTo(2);
        assertThat(down.err()).contains("1_users.sql (down section recorded in history): has no down section "
                + "with SQL, so it cannot be rolled back");
        assertThat(SqliteDb.tables(db)).containsExactly("users");
        assertThat(history()).containsExactly("1|1_users.sql|1");
    }

    @Test
    void theFileNewWritesCannotBeRolledBackUntilItsDownSectionHasSql() throws IOException {
        Cli.Result created = godwit("new", "add_users");
        assertThat(created.exit()).as(created.toString()).isZero();
        Path file = Path.of(created.out().strip());
        String template = Files.readString(file);
        Files.writeString(file, template.replace("-- migrate:up\n",
                "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"));
        assertThat(godwit("up").exit()).isZero();

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(file.getFileName() + ": has no down section with SQL, so it cannot be "
                + "rolled back").doesNotContain("reverted");
        assertThat(SqliteDb.tables(db)).containsExactly("users");
        assertThat(history()).hasSize(1);
        Cli.Result again = godwit("up");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing to apply");
    }

    // 7. A failed rollback names the file and line that ran

    @Test
    void aFailingDownFileOfAPairIsNamedWithItsLineInProgressMessageAndHint() {
        project.write("1_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        project.write("1_users.down.sql", "DROP TABLE users;\nDROP TABLE no_such_table;\n");
        assertThat(godwit("up").exit()).isZero();

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("reverting 1_users.down.sql")
                .contains("rollback of 1 (1_users.up.sql) failed at 1_users.down.sql:2, statement 2 of 2")
                .contains("DROP TABLE no_such_table")
                .contains("1_users.up.sql is still applied")
                .contains("fix the statement in 1_users.down.sql")
                .doesNotContain("1_users.up.sql:")
                .doesNotContain("reverting 1_users.up.sql");
        assertThat(SqliteDb.tables(db)).containsExactly("users");
        assertThat(history()).containsExactly("1|1_users.up.sql|1");

        Cli.Result dry = godwit("down", "--dry-run");
        assertThat(dry.out()).contains("-- revert 1 1_users.down.sql");
    }

    @Test
    void aFailingDownSectionRecordedInHistorySaysSo() throws IOException {
        project.write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE no_such_table;\n");
        assertThat(godwit("up").exit()).isZero();
        Files.delete(dir.resolve("1_users.sql"));

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("reverting 1_users.sql (down section recorded in history)")
                .contains("failed at its down section recorded in history:1");
        assertThat(history()).containsExactly("1|1_users.sql|1");
    }

    // 11. new never collides; a file not written yet blocks nothing

    @Test
    void newTakesTheNextFreeVersionWhenItsSecondIsTaken() throws IOException {
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
        Instant now = Instant.now();
        for (int k = 0; k < 5; k++) {
            project.write(stamp.format(now.plusSeconds(k)) + "_taken" + k + ".sql",
                    "-- migrate:up\nCREATE TABLE t" + k + " (x INTEGER);\n-- migrate:down\nDROP TABLE t" + k + ";\n");
        }
        Cli.Result a = godwit("new", "a");
        Cli.Result b = godwit("new", "b");

        assertThat(a.exit()).as(a.toString()).isZero();
        assertThat(b.exit()).as(b.toString()).isZero();
        String va = Path.of(a.out().strip()).getFileName().toString().split("_")[0];
        String vb = Path.of(b.out().strip()).getFileName().toString().split("_")[0];
        assertThat(va).isNotEqualTo(vb).isGreaterThan(stamp.format(now.plusSeconds(4)));
        for (String cmd : new String[] {"status", "validate", "up"}) {
            Cli.Result r = godwit(cmd);
            assertThat(r.exit()).as(cmd + "\n" + r).isZero();
        }
        assertThat(SqliteDb.tables(db)).containsExactly("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void twoNewMigrationsInARowGetTwoVersionsAndEveryCommandStillWorks() {
        Cli.Result a = godwit("new", "a");
        Cli.Result b = godwit("new", "b");
        String va = Path.of(a.out().strip()).getFileName().toString().split("_")[0];
        String vb = Path.of(b.out().strip()).getFileName().toString().split("_")[0];
        assertThat(va).isNotEqualTo(vb);
        assertThat(godwit("status").exit()).isZero();
    }

    @Test
    void aFreshlyCreatedFileIsLeftOutWithAWarningAndBlocksNoUnrelatedCommand() throws IOException {
        CliProject.writeUsersPostsSeed(dir);
        assertThat(godwit("up").exit()).isZero();
        Path draft = Path.of(godwit("new", "add_tags").out().strip());
        String warning = draft.getFileName() + ": not written yet (its up section has no SQL statement); left out "
                + "until it has SQL";

        for (String[] args : new String[][] {{"status"}, {"validate"}, {"up"}, {"down"}}) {
            Cli.Result r = godwit(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
            assertThat(r.err()).contains("warning: " + warning);
        }
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");

        Files.writeString(draft, Files.readString(draft).replace("-- migrate:up\n",
                "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n"));
        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).doesNotContain("not written yet");
        assertThat(SqliteDb.tables(db)).contains("tags");
    }

    @Test
    void anAppliedMigrationWhoseUpSectionWasEmptiedIsChangedNotGone() {
        CliProject.writeUsersPostsSeed(dir);
        assertThat(godwit("up").exit()).isZero();
        project.write("3_seed.sql", "-- migrate:up\n-- moved elsewhere\n-- migrate:down\nDELETE FROM users;\n");

        Cli.Result validate = godwit("validate");
        assertThat(validate.exit()).as(validate.toString()).isEqualTo(1);
        assertThat(validate.out()).contains("3 3_seed.sql: changed since it was applied").doesNotContain("gone");
        assertThat(godwit("status").out()).containsPattern("3\\s+seed\\s+changed");
    }

    // 12. Names in every script

    @Test
    void newKeepsLettersOfEveryScriptAndReplacesOnlyWhatIsUnsafeInAPath() throws IOException {
        Cli.Result accents = godwit("new", "ünïcödé tåble");
        Cli.Result japanese = godwit("new", "日本語");
        Cli.Result punctuation = godwit("new", "add users/posts: v2.0");

        assertThat(accents.exit()).as(accents.toString()).isZero();
        assertThat(japanese.exit()).as(japanese.toString()).isZero();
        assertThat(Path.of(accents.out().strip()).getFileName().toString()).matches("\\d{14}_ünïcödé_tåble\\.sql");
        assertThat(Path.of(japanese.out().strip()).getFileName().toString()).matches("\\d{14}_日本語\\.sql");
        assertThat(Path.of(punctuation.out().strip()).getFileName().toString())
                .matches("\\d{14}_add_users_posts_v2_0\\.sql");
        Path file = Path.of(japanese.out().strip());
        Files.writeString(file, "-- migrate:up\nCREATE TABLE 日本 (x INTEGER);\n", StandardCharsets.UTF_8);
        Cli.Result status = godwit("status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("日本語");
    }

    @Test
    void aNameWithoutLetterOrDigitIsRefusedSayingTheNameIsMissing() throws IOException {
        for (String name : new String[] {"---", "...", " ", "/"}) {
            Cli.Result r = godwit("new", "--", name);
            assertThat(r.exit()).as(name + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(name).contains("NAME");
        }
        Cli.Result dashes = godwit("new", "---");
        assertThat(dashes.exit()).as(dashes.toString()).isEqualTo(2);
        assertThat(dashes.err()).contains("NAME").contains("'---' reads as an option, not as the NAME");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    // 6. Every .sql file Godwit will not run is named

    @Test
    void migrationsInSubfoldersAreRefusedInGodwitsFormatNamingEachFolderBeforeAnyChange() throws IOException {
        Files.createDirectories(dir.resolve("1_users"));
        Files.createDirectories(dir.resolve("2_posts"));
        Files.writeString(dir.resolve("1_users/up.sql"), "CREATE TABLE users (id INTEGER);\n");
        Files.writeString(dir.resolve("1_users/down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("2_posts/up.sql"), "CREATE TABLE posts (id INTEGER);\n");

        for (String cmd : new String[] {"up", "status", "validate"}) {
            Cli.Result r = godwit(cmd, "--format", "godwit");
            assertThat(r.exit()).as(cmd + "\n" + r).isEqualTo(2);
            assertThat(r.err()).contains("1_users/: a subfolder whose .sql files Godwit does not run: "
                            + "1_users/down.sql, 1_users/up.sql")
                    .contains("2_posts/: a subfolder whose .sql files Godwit does not run: 2_posts/up.sql")
                    .contains("rename '1_users/up.sql' to '1_users.up.sql'");
        }
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void aFolderOfDieselSubfoldersIsReadAsDieselWithoutTheFormatGiven() throws IOException {
        Files.createDirectories(dir.resolve("1_users"));
        Files.createDirectories(dir.resolve("2_posts"));
        Files.writeString(dir.resolve("1_users/up.sql"), "CREATE TABLE users (id INTEGER);\n");
        Files.writeString(dir.resolve("1_users/down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("2_posts/up.sql"), "CREATE TABLE posts (id INTEGER);\n");
        Files.writeString(dir.resolve("2_posts/down.sql"), "DROP TABLE posts;\n");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(history()).containsExactly("1|1_users/up.sql|1", "2|2_posts/up.sql|1");
        Cli.Result down = godwit("down", "--all");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(history()).isEmpty();
    }

    @Test
    void aMigrationFileInAnySubfolderIsRefusedAndOtherSqlFilesThereAreNamedInAWarning() throws IOException {
        CliProject.writeUsersPostsSeed(dir);
        Files.createDirectories(dir.resolve("seeds/dev"));
        Files.writeString(dir.resolve("seeds/dev/fixtures.sql"), "INSERT INTO users VALUES (9, 'x');\n");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/ignored.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve(".4_hidden.sql"), "-- migrate:up\nSELECT 1;\n");

        Cli.Result ok = godwit("up");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.err()).contains("warning: not run (Godwit reads only the files directly inside " + dir
                + "): seeds/dev/fixtures.sql").contains(".4_hidden.sql in " + dir + ": a hidden file; not run")
                .doesNotContain("ignored.sql");

        Files.createDirectories(dir.resolve("later"));
        Files.writeString(dir.resolve("later/4_tags.sql"), "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n");
        List<String> schema = SqliteDb.schema(db);
        Cli.Result refused = godwit("up");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("later/: a subfolder whose .sql files Godwit does not run: "
                + "later/4_tags.sql");
        assertThat(SqliteDb.schema(db)).isEqualTo(schema);
    }

    @Test
    void symbolicLinksThatDangleOrLoopAreNamed() throws IOException {
        CliProject.writeUsersPostsSeed(dir);
        Files.createSymbolicLink(dir.resolve("4_gone.sql"), Path.of("elsewhere/4_gone.sql"));
        Files.createSymbolicLink(dir.resolve("5_loop.sql"), Path.of("5_loop.sql"));

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("4_gone.sql: a symbolic link to 'elsewhere/4_gone.sql', which does not exist")
                .contains("5_loop.sql: a symbolic link to '5_loop.sql' that loops");
        assertThat(Files.exists(db)).isFalse();

        Files.delete(dir.resolve("4_gone.sql"));
        Files.delete(dir.resolve("5_loop.sql"));
        Files.createSymbolicLink(dir.resolve("shared"), Path.of("../nowhere"));
        Files.createSymbolicLink(dir.resolve("again"), Path.of("."));
        Cli.Result warned = godwit("up");
        assertThat(warned.exit()).as(warned.toString()).isZero();
        assertThat(warned.err()).contains("shared in " + dir + ": a symbolic link to '../nowhere', which does not "
                + "exist; ignored").contains("again/: leads back to a folder already looked at (a loop)");
    }

    @Test
    void anEmptyOrMissingFolderWithHistoryIsAnErrorNotNothingToApply() throws IOException {
        CliProject.writeUsersPostsSeed(dir);
        assertThat(godwit("up").exit()).isZero();
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        Cli.Result r = Cli.run(env, "--url", "sqlite:" + db, "--dir", empty.toString(), "up", "--ignore-missing");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no migration files found, but history records 3 migration(s) (newest 3)")
                .contains("--dir");

        Cli.Result missing = Cli.run(env, "--url", "sqlite:" + db, "--dir", tmp.resolve("nope").toString(), "up");
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("migrations folder not found");
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1", "3|1");
    }

    // 16. What the checksum ignores

    private static final String USERS = "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
            + "INSERT INTO users VALUES (1);\n-- migrate:down\nDROP TABLE users;\n";
    /** The up section of {@link #USERS} as a file of a pair. */
    private static final String USERS_UP_FILE = "CREATE TABLE users (id INTEGER PRIMARY KEY);\n"
            + "INSERT INTO users VALUES (1);\n";

    @Test
    void spacesAtLineEndsAndBlankLinesAtTheEndAreNotChangesButAnEditIs() throws IOException {
        project.write("1_users.sql", USERS);
        assertThat(godwit("up").exit()).isZero();
        assertThat(checksums()).allMatch(c -> c.startsWith("sha256v2:"));

        project.write("1_users.sql", USERS.replace(";\n", ";   \t\n")
                .replace("-- migrate:down", "\n\n-- migrate:down"));
        for (String cmd : new String[] {"validate", "up"}) {
            Cli.Result r = godwit(cmd);
            assertThat(r.exit()).as(cmd + "\n" + r).isZero();
        }
        project.write("1_users.sql", USERS.replace("VALUES (1)", "VALUES  (1)"));
        Cli.Result edited = godwit("validate");
        assertThat(edited.exit()).as(edited.toString()).isEqualTo(1);
        assertThat(edited.out()).contains("1 1_users.sql: changed since it was applied");
    }

    @Test
    void theFinalNewlineOfAnUpFileIsNoChange() throws IOException {
        project.write("1_users.up.sql", USERS_UP_FILE);
        project.write("1_users.down.sql", "DROP TABLE users;\n");
        assertThat(godwit("up").exit()).isZero();

        project.write("1_users.up.sql", USERS_UP_FILE.strip());
        Cli.Result without = godwit("validate");
        assertThat(without.exit()).as(without.toString()).isZero();
        project.write("1_users.up.sql", USERS_UP_FILE + "\n\n");
        Cli.Result more = godwit("status");
        assertThat(more.out()).containsPattern("1\\s+users\\s+applied");
        project.write("1_users.down.sql", "DROP TABLE users;  ");
        Cli.Result down = godwit("down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.err()).as("the down file is the one recorded").doesNotContain("changed since");
    }

    @Test
    void movingAnAppliedMigrationToTheOtherFileFormatIsReportedAsAFormatChangeNotAnEdit() throws IOException {
        project.write("1_users.sql", USERS);
        assertThat(godwit("up").exit()).isZero();
        Files.delete(dir.resolve("1_users.sql"));
        project.write("1_users.up.sql", USERS_UP_FILE);
        project.write("1_users.down.sql", "DROP TABLE users;\n");

        assertFormatChangeReported();

        Cli.Result repaired = godwit("repair", "--yes");
        assertThat(repaired.exit()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("file 1_users.sql -> 1_users.up.sql (file format changed, same up SQL)");
        assertThat(godwit("status").out()).doesNotContain("file format changed");
        assertThat(history()).containsExactly("1|1_users.up.sql|1");
        assertThat(godwit("down").exit()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
    }

    @Test
    void historyRecordedWithTheOldChecksumKeepsValidatingTheOldWay() throws Exception {
        project.write("1_users.sql", USERS);
        assertThat(godwit("up").exit()).isZero();
        // what earlier versions recorded: sha256 of the up section with only line endings normalised
        SqliteDb.exec(db, "UPDATE godwit_history SET checksum = '" + legacySha(
                "CREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users VALUES (1);") + "'");

        Cli.Result same = godwit("validate");
        assertThat(same.exit()).as(same.toString()).isZero();
        project.write("1_users.sql", USERS.replace("\n", "\r\n"));
        assertThat(godwit("validate").exit()).isZero();

        project.write("1_users.sql", USERS.replace("(1);", "(1); "));
        Cli.Result trailing = godwit("validate");
        assertThat(trailing.exit()).as("old rows are compared as they were taken\n" + trailing).isEqualTo(1);

        Files.delete(dir.resolve("1_users.sql"));
        project.write("1_users.up.sql", USERS_UP_FILE);
        project.write("1_users.down.sql", "DROP TABLE users;\n");
        assertFormatChangeReported();
        assertThat(checksums()).allMatch(c -> c.startsWith("sha256:"));
    }

    @Test
    void anEditTogetherWithAFormatChangeIsAnEditNamingBothFiles() throws IOException {
        project.write("1_users.sql", USERS);
        assertThat(godwit("up").exit()).isZero();
        Files.delete(dir.resolve("1_users.sql"));
        project.write("1_users.up.sql", USERS_UP_FILE.replace("(1)", "(2)"));

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).contains("1_users.up.sql: changed since it was applied as 1_users.sql (its file "
                + "format changed too)");
    }

    private void assertFormatChangeReported() {
        String note = "applied as 1_users.sql; now 1_users.up.sql: the file format changed, the up SQL did not";
        Cli.Result validate = godwit("validate");
        assertThat(validate.exit()).as(validate.toString()).isZero();
        Cli.Result status = godwit("status");
        assertThat(status.out()).containsPattern("1\\s+users\\s+applied").contains("1: " + note)
                .doesNotContain("changed ");
        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("warning: 1_users.up.sql: " + note);
    }

    private List<String> checksums() {
        return SqliteDb.query(db, "SELECT checksum FROM godwit_history");
    }

    private static String legacySha(String text) throws Exception {
        return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
