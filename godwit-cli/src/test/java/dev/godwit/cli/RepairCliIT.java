package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godwit repair}: failed rows and deliberately edited files. */
class RepairCliIT {
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
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE users;\n");
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE posts;\n");
    }

    private void write(String name, String text) throws IOException {
        project.write(name, text);
    }

    private List<String> args(String... args) {
        return List.of(project.withDb(args));
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(env, args(args).toArray(String[]::new));
    }

    private void failANoTransactionMigration() throws IOException {
        write("3_fill.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE IF NOT EXISTS t3 (id INTEGER);\n"
                + "INSERT INTO t3_missing VALUES (1);\n-- migrate:down\nDROP TABLE t3;\n");
        assertThat(godwit("up").exit()).isEqualTo(1);
    }

    @Test
    void repairRemovesAFailedRowSoThatUpRunsTheFixedMigrationAgain() throws IOException {
        failANoTransactionMigration();
        assertThat(godwit("up").err()).contains("godwit repair");

        Cli.Result r = godwit("repair", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("repair changes 1 history row(s)")
                .contains("remove failed row 3 (3_fill.sql): stopped at statement 2 of 2")
                .contains("repaired 1 history row(s)");
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
        write("3_fill.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE IF NOT EXISTS t3 (id INTEGER);\n"
                + "INSERT INTO t3 VALUES (1);\n-- migrate:down\nDROP TABLE t3;\n");
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void repairReRecordsTheChecksumAndDownSectionOfAnEditedFileListingEachChange() throws IOException {
        godwit("up");
        String before = SqliteDb.query(db, "SELECT applied_at FROM godwit_history WHERE version = '2'").get(0);
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY); -- reviewed\n"
                + "-- migrate:down\nDROP TABLE IF EXISTS posts;\n");
        assertThat(godwit("validate").exit()).isEqualTo(1);

        Cli.Result r = godwit("repair", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("re-record 2 \\(2_posts.sql\\): checksum [0-9a-f]{12} -> [0-9a-f]{12}; "
                + "down section re-recorded");
        assertThat(godwit("validate").exit()).isZero();
        assertThat(SqliteDb.query(db, "SELECT trim(down_sql, char(10)) || '|' || applied_at FROM godwit_history "
                + "WHERE version = '2'")).containsExactly("DROP TABLE IF EXISTS posts;|" + before);
        Cli.Result down = godwit("down");
        assertThat(down.exit()).isZero();
        assertThat(down.err()).doesNotContain("warning");
    }

    @Test
    void withoutATerminalRepairRefusesUnlessGivenYes() throws IOException {
        failANoTransactionMigration();
        List<String> history = SqliteDb.query(db, "SELECT * FROM godwit_history");

        Cli.Result r = godwit("repair");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("remove failed row 3");
        assertThat(r.err()).contains("no terminal to ask on").contains("pass --yes");
        assertThat(SqliteDb.query(db, "SELECT * FROM godwit_history")).isEqualTo(history);
    }

    @Test
    void onATerminalRepairAsksAndOnlyAYesGoesAhead() throws IOException {
        failANoTransactionMigration();

        Cli.Result no = Cli.runOnTerminal(env, "n\n", args("repair").toArray(String[]::new));
        assertThat(no.exit()).isEqualTo(2);
        assertThat(no.err()).contains("Type 'yes' to confirm").contains("not confirmed; nothing was changed");
        assertThat(SqliteDb.history(db)).contains("3|0");

        Cli.Result yes = Cli.runOnTerminal(env, "y\n", args("repair").toArray(String[]::new));
        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
    }

    @Test
    void dryRunListsTheChangesAndNothingToRepairIsSaid() throws IOException {
        failANoTransactionMigration();
        Cli.Result dry = godwit("repair", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("repair would change 1 history row(s)").contains("dry run: nothing changed");
        assertThat(SqliteDb.history(db)).contains("3|0");

        godwit("repair", "-y");
        Cli.Result again = godwit("repair");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("nothing to repair");
    }

    @Test
    void repairLeavesRowsOfMissingFilesAloneAndSaysSo() throws IOException {
        godwit("up");
        Files.delete(dir.resolve("2_posts.sql"));
        Cli.Result r = godwit("repair", "--yes");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("note: 2_posts.sql: applied, but the file is gone; repair leaves its row");
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
    }
}
