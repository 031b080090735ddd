package dev.godwit.takeover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.TableRows;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import dev.godwit.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure mapping from another tool's table to Godwit's history rows: each tool's rules, table tests. */
class HistoryImportTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static PreparedMigration m(String version, String file) {
        String up = "CREATE TABLE t" + version.replace('.', '_') + " (id INTEGER);";
        Section u = new Section(file, 1, up, List.of(new Statement(up, 1)), Directives.NONE);
        return new PreparedMigration(Version.parse(version), "m" + version, file, u, null, Checksum.of(up));
    }

    private static final List<PreparedMigration> FOLDER = List.of(m("1", "1_a.sql"), m("2", "2_b.sql"),
            m("3", "3_c.sql"));

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            r.put((String) pairs[i], pairs[i + 1]);
        }
        return r;
    }

    @SafeVarargs
    private static TableRows table(String name, List<String> columns, Map<String, Object>... rows) {
        return new TableRows(name, columns, Arrays.asList(rows), ZoneOffset.UTC);
    }

    private static ImportPlan plan(ForeignTool tool, TableRows table) {
        return HistoryImport.plan(tool, table, FOLDER, s -> Optional.empty(), "me@host", NOW);
    }

    private static List<String> versions(ImportPlan p) {
        return p.rows().stream().map(r -> r.version().text()).toList();
    }

    private static final List<String> FLYWAY = List.of("installed_rank", "version", "description", "type", "script",
            "checksum", "installed_by", "installed_on", "execution_time", "success");

    private static Map<String, Object> flyway(long rank, String version, String type, boolean success) {
        return row("installed_rank", rank, "version", version, "description", "d", "type", type, "script",
                "V" + version + "__d.sql", "checksum", null, "installed_by", "fly",
                "installed_on", LocalDateTime.parse("2024-03-0" + rank + "T10:00:00"), "execution_time", 5L,
                "success", success);
    }

    @Test
    void flywaysNewestRowPerVersionDecidesAndItsBaselineBecomesGodwitsBaseline() {
        ImportPlan p = plan(ForeignTool.FLYWAY, table("flyway_schema_history", FLYWAY,
                row("installed_rank", 0L, "version", null, "description", "<< Flyway Schema Creation >>",
                        "type", "SCHEMA", "script", "\"app\"", "success", true),
                flyway(1, "1", "BASELINE", true), flyway(2, "2", "SQL", true), flyway(3, "3", "SQL", true),
                flyway(4, "3", "UNDO_SQL", true)));

        assertThat(p.problems()).isEmpty();
        assertThat(versions(p)).containsExactly("1", "2");
        assertThat(p.rows().get(0).isBaseline()).isTrue();
        assertThat(p.rows().get(1).appliedAt()).isEqualTo("2024-03-02T10:00:00Z");
        assertThat(p.rows().get(1).appliedBy()).isEqualTo("fly");
        assertThat(p.rows().get(1).note()).startsWith("imported from flyway (flyway_schema_history, installed_rank 2)");
        assertThat(p.notes()).anyMatch(n -> n.contains("created the schema"));
    }

    @Test
    void flywaysRepeatableRowsAreKeyedByDescriptionAndAChangedOneIsAppliedAgain() {
        String sql = "CREATE VIEW v AS SELECT 1;";
        Section u = new Section("R__refresh_views.sql", 1, sql, List.of(new Statement(sql, 1)), Directives.NONE);
        PreparedMigration views = new PreparedMigration(Version.repeatable("refresh views"), "refresh views",
                "R__refresh_views.sql", u, null, Checksum.of(sql));
        List<PreparedMigration> folder = List.of(m("1", "1_a.sql"), views);
        long crc = ToolChecksums.flyway(sql.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> first = row("installed_rank", 2L, "version", null, "description", "refresh views",
                "type", "SQL", "script", "R__refresh_views.sql", "checksum", crc - 1, "installed_by", "fly",
                "installed_on", "2024-03-02 10:00:00", "execution_time", 3L, "success", true);
        Map<String, Object> again = new LinkedHashMap<>(first);
        again.put("installed_rank", 3L);
        again.put("checksum", crc);
        again.put("installed_on", "2024-03-03 10:00:00");

        ImportPlan same = HistoryImport.plan(ForeignTool.FLYWAY, table("h", FLYWAY, flyway(1, "1", "SQL", true),
                first, again), folder, s -> Optional.of(sql.getBytes(StandardCharsets.UTF_8)), "me", NOW);
        assertThat(same.problems()).isEmpty();
        AppliedMigration r = same.rows().get(1);
        assertThat(r.version().text()).isEqualTo("R__refresh_views");
        assertThat(r.kind()).isEqualTo(AppliedMigration.REPEATABLE);
        assertThat(r.checksum()).isEqualTo(views.checksum());
        assertThat(r.appliedAt()).isEqualTo("2024-03-03T10:00:00Z");

        ImportPlan changed = HistoryImport.plan(ForeignTool.FLYWAY, table("h", FLYWAY, flyway(1, "1", "SQL", true),
                first), folder, s -> Optional.of(sql.getBytes(StandardCharsets.UTF_8)), "me", NOW);
        assertThat(changed.problems()).isEmpty();
        assertThat(changed.rows().get(1).checksum()).isEqualTo("flyway-crc32:" + (crc - 1));
        assertThat(changed.notes()).anyMatch(n -> n.contains("the next up applies it again"));

        ImportPlan gone = plan(ForeignTool.FLYWAY, table("h", FLYWAY, first));
        assertThat(gone.problems()).singleElement().asString().contains("R__refresh_views.sql")
                .contains("matches no migration file");
    }

    @Test
    void flywaysChecksumIsVerifiedAgainstTheFileAndAMismatchIsAProblem() {
        byte[] file = "CREATE TABLE a (id INT);\r\nINSERT INTO a VALUES (1);\r\n".getBytes(StandardCharsets.UTF_8);
        long crc = ToolChecksums.flyway("CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> r = flyway(1, "1", "SQL", true);
        r.put("checksum", crc);
        ImportPlan ok = HistoryImport.plan(ForeignTool.FLYWAY, table("h", FLYWAY, r), FOLDER,
                s -> Optional.of(file), "me", NOW);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.rows().get(0).note()).contains("its checksum verified");

        r.put("checksum", crc + 1);
        ImportPlan bad = HistoryImport.plan(ForeignTool.FLYWAY, table("h", FLYWAY, r), FOLDER,
                s -> Optional.of(file), "me", NOW);
        assertThat(bad.problems()).singleElement().asString().contains("1_a.sql changed since flyway applied it");
    }

    @Test
    void golangMigratesOneRowMeansEverythingUpToItsVersion() {
        TableRows t = table("schema_migrations", List.of("version", "dirty"), row("version", 2L, "dirty", 0L));
        ImportPlan p = plan(ForeignTool.GOLANG_MIGRATE, t);
        assertThat(versions(p)).containsExactly("1", "2");
        assertThat(p.rows().get(0).appliedAt()).isEqualTo(NOW.toString());
        assertThat(p.rows().get(0).note()).contains("applied time unknown");

        ImportPlan dirty = plan(ForeignTool.GOLANG_MIGRATE, table("schema_migrations", List.of("version", "dirty"),
                row("version", 2L, "dirty", true)));
        assertThat(dirty.problems()).singleElement().asString().contains("version 2 is dirty");

        ImportPlan unknown = plan(ForeignTool.GOLANG_MIGRATE, table("schema_migrations", List.of("version", "dirty"),
                row("version", 7L, "dirty", false)));
        assertThat(unknown.problems()).singleElement().asString().contains("matches no migration file");
    }

    @Test
    void goosesNewestRowPerVersionDecidesAndItsZeroRowIsLeftOut() {
        List<String> cols = List.of("id", "version_id", "is_applied", "tstamp");
        ImportPlan p = plan(ForeignTool.GOOSE, table("goose_db_version", cols,
                row("id", 1L, "version_id", 0L, "is_applied", 1L, "tstamp", "2024-01-01 00:00:00"),
                row("id", 2L, "version_id", 1L, "is_applied", 1L, "tstamp", "2024-01-02 00:00:00"),
                row("id", 3L, "version_id", 2L, "is_applied", 1L, "tstamp", "2024-01-03 00:00:00"),
                row("id", 4L, "version_id", 2L, "is_applied", 0L, "tstamp", "2024-01-04 00:00:00"),
                row("id", 5L, "version_id", 9L, "is_applied", 1L, "tstamp", "2024-01-05 00:00:00"),
                row("id", 6L, "version_id", 9L, "is_applied", 0L, "tstamp", "2024-01-06 00:00:00")));
        assertThat(p.problems()).isEmpty();
        assertThat(versions(p)).containsExactly("1");
        assertThat(p.rows().get(0).appliedAt()).isEqualTo("2024-01-02T00:00:00Z");
    }

    @Test
    void umzugRowsMatchByFileNameThenByLeadingVersion() {
        ImportPlan p = plan(ForeignTool.UMZUG, table("schema_migrations", List.of("name", "executed_at"),
                row("name", "1_a.js", "executed_at", "2025-01-01T10:00:00.000Z"),
                row("name", "2-b.ts", "executed_at", "2025-01-02T10:00:00+02:00"),
                row("name", "setup.js", "executed_at", null)));
        assertThat(versions(p)).isEmpty();
        assertThat(p.problems()).singleElement().asString().contains("name 'setup.js' matches no migration file");

        ImportPlan ok = plan(ForeignTool.UMZUG, table("SequelizeMeta", List.of("name"), row("name", "1_a.js"),
                row("name", "2-b.ts")));
        assertThat(versions(ok)).containsExactly("1", "2");
    }

    @Test
    void aSchemaVersionBelowEveryMigrationAppliesNothingAndOneBetweenThemIsAProblem() {
        List<String> cols = List.of("id", "version", "updated_at");
        List<PreparedMigration> ranges = List.of(m("1.1", "v1.0_to_v1.1.sql"), m("1.2", "v1.1_to_v1.2.sql"));
        ImportPlan below = HistoryImport.plan(ForeignTool.SCHEMA_VERSION, table("schema_version", cols,
                row("id", 1L, "version", "1.0", "updated_at", "2025-10-23 08:00:00")), ranges, s -> Optional.empty(),
                "me", NOW);
        assertThat(below.problems()).isEmpty();
        assertThat(below.rows()).isEmpty();

        ImportPlan at = HistoryImport.plan(ForeignTool.SCHEMA_VERSION, table("schema_version", cols,
                row("id", 1L, "version", "1.1", "updated_at", "2025-10-23 08:00:00")), ranges, s -> Optional.empty(),
                "me", NOW);
        assertThat(at.rows()).extracting(AppliedMigration::appliedAt).containsExactly("2025-10-23T08:00:00Z");

        ImportPlan between = HistoryImport.plan(ForeignTool.SCHEMA_VERSION, table("schema_version", cols,
                row("id", 1L, "version", "1.15")), ranges, s -> Optional.empty(), "me", NOW);
        assertThat(between.problems()).singleElement().asString().contains("matches no migration file");
    }

    @Test
    void aTableOfAnotherLayoutIsAProblemNamingItsColumns() {
        ImportPlan p = plan(ForeignTool.SQLX, table("schema_migrations", List.of("version", "dirty")));
        assertThat(p.problems()).singleElement().asString().contains("not laid out as sqlx")
                .contains("missing description");
    }

    @Test
    void timesAreReadAsEachEngineStoresThem() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(HistoryImport.instant("2024-03-01 10:00:00.123", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z"));
        assertThat(HistoryImport.instant("2024-03-01 10:00:00+01", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
        assertThat(HistoryImport.instant(LocalDateTime.parse("2024-03-01T10:00:00"), paris))
                .isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
        assertThat(HistoryImport.instant("not a time", ZoneOffset.UTC)).isNull();
    }

    @Test
    void flywaysChecksumIsLineEndingIndependentAndSigned() {
        int lf = ToolChecksums.flyway("a\nb\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ToolChecksums.flyway("\uFEFFa\r\nb\r\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(lf);
        assertThat(ToolChecksums.flyway("a\rb".getBytes(StandardCharsets.UTF_8))).isEqualTo(lf);
    }
}
