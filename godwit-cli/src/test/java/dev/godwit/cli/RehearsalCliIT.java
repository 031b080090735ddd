package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rehearse}: the plan really runs on a throwaway copy; the real file stays byte-identical. */
class RehearsalCliIT {
    @TempDir
    Path tmp;
    CliProject f;

    @BeforeEach
    void setUp() throws IOException {
        f = CliProject.blog(tmp);
        assertThat(f.godwit("up", "--step", "1").exit()).isZero();
    }

    @Test
    void aSuccessfulRehearsalReportsTimingsAndLeavesTheFileByteIdentical() {
        String before = f.fingerprint();

        Cli.Result r = f.godwit("up", "--rehearse");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("rehearsal ok: applied 2 migration\\(s\\) in \\d+ ms on a copy of "
                + Pattern.quote(f.db.toString())).contains("the database was not changed")
                .containsPattern("2  2_create_posts.sql  \\d+ ms").containsPattern("3  3_seed.sql  \\d+ ms");
        assertThat(r.err()).contains("integrity ok, foreign keys ok");
        assertThat(f.fingerprint()).isEqualTo(before);
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1");
        assertThat(f.backups()).isEmpty();
        Matcher copy = Pattern.compile("rehearsing on a copy of .* in (\\S+)").matcher(r.err());
        assertThat(copy.find()).isTrue();
        assertThat(Files.exists(Path.of(copy.group(1)))).as("the copy is thrown away").isFalse();
    }

    @Test
    void aRehearsalInJsonSaysSoAndReportsTheRealDatabaseBesidesTheRehearsedOne() throws IOException {
        Cli.Result r = f.godwit("up", "--rehearse", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out());
        assertThat(doc.get("rehearsal").asBoolean()).isTrue();
        assertThat(doc.get("database_changed").asBoolean()).isFalse();
        assertThat(doc.get("current").asText()).isEqualTo("1");
        assertThat(doc.get("rehearsed_current").asText()).isEqualTo("3");
        assertThat(doc.get("migrations")).hasSize(2);
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1");

        Cli.Result text = f.godwit("up", "--rehearse");
        assertThat(text.out()).contains("the database was not changed (current version: 1; after the rehearsed run "
                + "it would be 3)");
    }

    @Test
    void aFailingRehearsalSaysWhyAndLeavesTheFileByteIdentical() {
        f.write("4_broken.sql", "-- migrate:up\nCREATE TABLE t (a);\nINSERT INTO missing VALUES (1);\n");
        String before = f.fingerprint();

        Cli.Result r = f.godwit("up", "--rehearse");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("rehearsal failed after").contains("was not changed")
                .contains("4_broken.sql").contains("no such table: missing");
        assertThat(f.fingerprint()).isEqualTo(before);
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1");
    }

    @Test
    void aRehearsedNoTransactionMigrationThatFailsHalfWayLeavesTheFileByteIdentical() {
        f.write("4_half.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE t (a);\nBOGUS;\n");
        String before = f.fingerprint();

        Cli.Result r = f.godwit("up", "--rehearse");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("rehearsal failed").contains("was not changed")
                .contains("hint: nothing was changed, so there is nothing to repair or restore")
                .doesNotContain("by hand").doesNotContain("stay applied").doesNotContain("godwit repair");
        assertThat(f.fingerprint()).isEqualTo(before);
    }

    @Test
    void downCanBeRehearsed() {
        f.godwit("up");
        String before = f.fingerprint();

        Cli.Result r = f.godwit("down", "--all", "--rehearse");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("rehearsal ok: reverted 3 migration(s)");
        assertThat(f.fingerprint()).isEqualTo(before);
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void aDatabaseThatDoesNotExistIsRehearsedOnAnEmptyOneAndStillDoesNotExist() {
        Path fresh = tmp.resolve("fresh.db");

        Cli.Result r = Cli.run(f.env, "--url", "sqlite:" + fresh, "--dir", f.dir.toString(), "up", "--rehearse",
                "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"rehearsal\" : true").contains("\"elapsed_ms\"");
        assertThat(r.err()).contains("an empty database");
        assertThat(Files.exists(fresh)).isFalse();
    }

    @Test
    void rehearseAndDryRunTogetherAreAUsageError() {
        assertThat(f.godwit("up", "--rehearse", "--dry-run").exit()).isEqualTo(2);
    }
}
