package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.MigrationSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectionTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfFlywayNamesIsReadAsFlywayAndItsOtherFilesAreIgnored() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");
        Files.writeString(dir.resolve("V2__more.sql"), "CREATE TABLE more (id INTEGER);\n");
        Files.writeString(dir.resolve("README.md"), "# notes\n");
        FolderSource source = FolderSource.inFormat(dir, w -> { }, "auto", Map.of());

        MigrationSet set = source.load();

        assertThat(source.format()).contains("flyway");
        assertThat(set.checked()).hasSize(2);
    }

    @Test
    void aFolderOfGooseFilesIsReadAsGoose() throws IOException {
        Files.writeString(dir.resolve("1_users.sql"), "-- +goose Up\nCREATE TABLE users (id INTEGER);\n");
        FolderSource source = FolderSource.inFormat(dir, w -> { }, "auto", Map.of());

        source.load();

        assertThat(source.format()).contains("goose");
    }

    @Test
    void aFolderOfGodwitFilesStaysGodwit() throws IOException {
        Files.writeString(dir.resolve("1_users.up.sql"), "CREATE TABLE users (id INTEGER);\n");
        FolderSource source = FolderSource.inFormat(dir, w -> { }, null, Map.of());

        source.load();

        assertThat(source.format()).contains("godwit");
    }

    @Test
    void aFolderMixingFlywayAndGodwitNamesIsAProblemNamingTheFilesOfEach() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");
        Files.writeString(dir.resolve("2_more.up.sql"), "CREATE TABLE more (id INTEGER);\n");

        MigrationSet set = FolderSource.inFormat(dir, w -> { }, "auto", Map.of()).load();

        assertThat(set.problems()).anySatisfy(m -> assertThat(m)
                .contains("mixes migration formats", "V1__users.sql", "2_more.up.sql"));
    }

    @Test
    void aForcedFormatReadsOnlyItsOwnNames() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");

        MigrationSet set = FolderSource.inFormat(dir, w -> { }, "godwit", Map.of()).load();

        assertThat(set.problems()).anySatisfy(m -> assertThat(m)
                .startsWith("V1__users.sql: the name matches no migration format"));
    }
}
