package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godwit baseline} on SQLite files (PostgresCliIT covers it on PostgreSQL). */
class BaselineCommandIT {
    @TempDir
    Path tmp;
    Path dir;
    Path db;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(tmp.resolve("migrations"));
        db = tmp.resolve("app.db");
        for (int v = 1; v <= 3; v++) {
            Files.writeString(dir.resolve(v + "_table_" + v + ".sql"), "-- migrate:up\nCREATE TABLE t" + v
                    + " (id INTEGER);\n-- migrate:down\nDROP TABLE t" + v + ";\n", StandardCharsets.UTF_8);
        }
    }

    private Cli.Result godwit(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", "sqlite:" + db, "--dir", dir.toString()));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void recordsTheVersionWithoutRunningAnythingAndUpAppliesOnlyNewerMigrations() {
        SqliteDb.exec(db, "CREATE TABLE t1 (id INTEGER)");
        SqliteDb.exec(db, "CREATE TABLE t2 (id INTEGER)");
        Cli.Result b = godwit("baseline", "--version", "2");
        assertThat(b.exit()).as(b.toString()).isZero();
        assertThat(b.out()).contains("baseline recorded at version 2");
        assertThat(SqliteDb.query(db, "SELECT version, kind, description, checksum IS NULL FROM godwit_history"))
                .containsExactly("2|baseline|baseline|1");
        assertThat(godwit("status").out()).containsPattern("1 +table 1 +baseline")
                .containsPattern("2 +table 2 +baseline").containsPattern("3 +table 3 +pending");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("applied 1 migration(s); current version: 3");
        assertThat(SqliteDb.tables(db)).contains("t1", "t2", "t3");
        assertThat(godwit("validate").exit()).isZero();
    }

    @Test
    void isRefusedWithExitTwoWhenHistoryAlreadyHasRows() {
        assertThat(godwit("up", "--step", "1").exit()).isZero();
        Cli.Result b = godwit("baseline", "--version", "3", "--json");
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.out()).contains("\"code\" : \"plan_refused\"");
        assertThat(b.err()).contains("already has 1 row(s)");
        assertThat(SqliteDb.query(db, "SELECT version, kind FROM godwit_history")).containsExactly("1|sql");
    }

    @Test
    void isRefusedWithExitTwoOnASqlitePathThatDoesNotExistAndCreatesNothing() {
        Path typo = tmp.resolve("dta/app.db");
        Cli.Result b = Cli.run(Map.of(), "--url", "sqlite:" + typo, "--dir", dir.toString(), "--json",
                "baseline", "--version", "2");

        assertThat(b.exit()).as(b.toString()).isEqualTo(2);
        assertThat(b.err()).contains("refused to baseline").contains(typo + " does not exist")
                .contains("nothing was created").contains("hint: check the database path");
        assertThat(b.out()).contains("\"code\" : \"configuration\"");
        assertThat(Files.exists(typo)).isFalse();
        assertThat(Files.exists(typo.getParent())).isFalse();
    }

    @Test
    void needsAValidVersion() {
        Cli.Result missing = godwit("baseline");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--version");
        Cli.Result bad = godwit("baseline", "--version", "v1.x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not a version");
        assertThat(Files.exists(db)).isFalse();
    }
}
