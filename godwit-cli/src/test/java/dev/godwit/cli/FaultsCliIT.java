package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Godwit says when things go wrong at scale or underneath it, on real SQLite files through the CLI. */
class FaultsCliIT {
    @TempDir
    Path tmp;
    CliProject f;

    @BeforeEach
    void setUp() throws IOException {
        f = new CliProject(tmp);
    }

    private void writeMigrations(int from, int to) {
        for (int i = from; i <= to; i++) {
            f.write(i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (x);\n-- migrate:down\nDROP TABLE t"
                    + i + ";\n");
        }
    }

    @Test
    void aFailureAfterManyAppliedMigrationsSummarisesThemInsteadOfListingEachOne() {
        writeMigrations(1, 1500);
        f.write("1501_broken.sql", "-- migrate:up\nINSERT INTO nowhere VALUES (1);\n");

        Cli.Result r = f.godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("this run already applied 1500 migration(s) before it: 1, 2, 3, ... 1499, 1500 "
                + "(1500 in all)");
        assertThat(r.err().lines().mapToInt(String::length).max().orElse(0)).isLessThan(300);
        assertThat(SqliteDb.history(f.db)).hasSize(1500);
    }

    @Test
    void aRefusalWithManyProblemsShowsTheFirstAndCountsTheRest() throws IOException {
        writeMigrations(1, 300);
        assertThat(f.godwit("up", "--no-backup").exit()).isZero();
        for (int i = 1; i <= 300; i++) {
            Files.writeString(f.dir.resolve(i + "_t" + i + ".sql"), "-- migrate:up\nCREATE TABLE t" + i
                    + " (x, y);\n-- migrate:down\nDROP TABLE t" + i + ";\n");
        }

        Cli.Result r = f.godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("300 problems, nothing was changed").contains("... and 280 more");
        assertThat(r.err().lines().count()).isLessThan(30);
    }
}
