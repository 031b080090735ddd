package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.VersionOrder;
import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DieselFormatTest {
    private final DieselFormat format = new DieselFormat();

    @Test
    void readsUpAndDownFilesOfVersionFoldersOnly() {
        assertThat(format.reads("00000000000000_diesel_initial_setup/up.sql")).isTrue();
        assertThat(format.reads("2024-03-13_170000_x/down.sql")).isTrue();
        assertThat(format.reads("seeds/up.sql")).isFalse();
        assertThat(format.reads("1_users.up.sql")).isFalse();
    }

    @Test
    void theVersionIsTheDigitsOfTheFolderNameUpToTheFirstUnderscore() {
        List<Migration> read = format.read(List.of(
                new TextResource("00000000000000_diesel_initial_setup/down.sql", "SELECT 0;\n"),
                new TextResource("00000000000000_diesel_initial_setup/up.sql", "SELECT 0;\n"),
                new TextResource("2024-03-13_170000_x/up.sql", "SELECT 1;\n")), new FileProblems());

        assertThat(read).extracting(m -> m.version().text()).containsExactly("00000000000000", "20240313");
        assertThat(read.get(0).description()).isEqualTo("diesel initial setup");
        assertThat(read.get(0).down().file()).isEqualTo("00000000000000_diesel_initial_setup/down.sql");
        assertThat(read.get(1).down()).isNull();
    }

    @Test
    void versionsAreOrderedAsDieselOrdersThemAsText() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("20240101000000_a/up.sql", "SELECT 1;\n"),
                new TextResource("202301010000000000_b/up.sql", "SELECT 2;\n"),
                new TextResource("2024-03-13_170000_c/up.sql", "SELECT 3;\n")), problems);
        MigrationSet set = new MigrationSet("m", read, problems);

        assertThat(problems.messages()).isEmpty();
        assertThat(set.order()).isEqualTo(VersionOrder.TEXT);
        // as strings: the 18-digit 2023… before the 14-digit 2024…, and 20240313 (from 2024-03-13) after both
        assertThat(set.checked()).extracting(m -> m.version().text())
                .containsExactly("202301010000000000", "20240101000000", "20240313");
    }

    @Test
    void blankUpAndDownFilesAreMigrationsThatDoNothing() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("1_blank/down.sql", ""),
                new TextResource("1_blank/up.sql", "-- nothing to do\n\n")), problems);
        List<PreparedMigration> prepared = new MigrationSet("m", read, problems)
                .prepare(new SqlSplitter(LexicalRules.POSTGRES), w -> {
                    throw new AssertionError("no warning expected: " + w);
                });

        assertThat(prepared).singleElement().satisfies(m -> {
            assertThat(m.written()).isTrue();
            assertThat(m.up().statements()).isEmpty();
            assertThat(m.down()).isNotNull();
        });
    }

    @Test
    void aDownFileWithoutItsUpFileIsAProblem() {
        FileProblems problems = new FileProblems();
        format.read(List.of(new TextResource("3_x/down.sql", "SELECT 1;\n")), problems);

        assertThat(problems.messages()).containsExactly("3_x/down.sql: a Diesel down.sql without its up.sql");
    }
}
