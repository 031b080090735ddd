package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsBothFormatsIntoOneSetWithoutSplittingAnything() throws IOException {
        Files.writeString(dir.resolve("1_users.sql"), "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        Files.writeString(dir.resolve("2_posts.up.sql"), "CREATE TABLE posts (id INTEGER);\n");

        MigrationSet set = new FolderSource(dir).load();

        assertThat(set.problems()).isEmpty();
        assertThat(set.checked()).extracting(Migration::script).containsExactly("1_users.sql", "2_posts.up.sql");
        assertThat(set.checked()).allSatisfy(m -> assertThat(m.up()).isInstanceOf(SqlBody.class));
    }

    @Test
    void reportsReadingAndSplittingProblemsTogetherWhenPrepared() throws IOException {
        Files.writeString(dir.resolve("notes.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("2_quote.sql"), "-- migrate:up\nSELECT 'unterminated;\n");

        MigrationSet set = new FolderSource(dir).load();

        assertThat(set.problems()).singleElement().asString().startsWith("notes.sql: the name matches no");
        assertThatThrownBy(() -> set.prepare(new SqlSplitter(LexicalRules.SQLITE), w -> { }))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILE);
                    assertThat(e.getMessage()).contains("2 problems with migration files")
                            .contains("notes.sql: the name matches no migration format").contains("2_quote.sql");
                });
    }

    @Test
    void oneSetIsSplitOnceForEachDialect() throws IOException {
        Files.writeString(dir.resolve("1_f.sql"), "-- migrate:up\nCREATE TABLE t (id INTEGER); SELECT 1;\n");
        MigrationSet set = new FolderSource(dir).load();

        List<PreparedMigration> sqlite = set.prepare(new SqlSplitter(LexicalRules.SQLITE), w -> { });
        List<PreparedMigration> postgres = set.prepare(new SqlSplitter(LexicalRules.POSTGRES), w -> { });

        assertThat(sqlite.get(0).up().statements()).hasSize(2);
        assertThat(postgres.get(0).up().statements()).hasSize(2);
        assertThat(sqlite.get(0).migration()).isSameAs(postgres.get(0).migration());
    }

    @Test
    void anUpSectionWithoutStatementsIsNotWrittenYetAndNamedAsAWarning() throws IOException {
        Files.writeString(dir.resolve("8_later.sql"), "-- migrate:up\n-- nothing yet\n-- migrate:down\n");
        List<String> warnings = new ArrayList<>();

        List<PreparedMigration> prepared = new FolderSource(dir).load()
                .prepare(new SqlSplitter(LexicalRules.SQLITE), warnings::add);

        assertThat(prepared).singleElement().satisfies(m -> {
            assertThat(m.written()).isFalse();
            assertThat(m.down()).isNull();
        });
        assertThat(warnings).singleElement().asString().startsWith("8_later.sql: not written yet");
    }

    @Test
    void aThirdFormatIsOneMoreClassInTheListOfFormats() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id INTEGER);\n");
        MigrationFormat flywayLike = new MigrationFormat() {
            @Override
            public boolean reads(String name) {
                return name.matches("V\\d+__.+\\.sql");
            }

            @Override
            public String naming() {
                return "'V<version>__<description>.sql'";
            }

            @Override
            public List<Migration> read(List<Resource> resources, FileProblems problems) {
                return resources.stream().map(r -> {
                    String v = r.name().substring(1, r.name().indexOf("__"));
                    SqlBody up = new SqlBody(r.name(), 1, r.read(), dev.godwit.migration.Directives.NONE);
                    return new Migration(Version.parse(v), "init", r.name(), up, null,
                            dev.godwit.migration.Checksum.of(up.text()));
                }).toList();
            }
        };

        MigrationSet set = new FolderSource(dir, w -> { }, List.of(flywayLike)).load();

        assertThat(set.checked()).extracting(Migration::script).containsExactly("V1__init.sql");
    }
}
