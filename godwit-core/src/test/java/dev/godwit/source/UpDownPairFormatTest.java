package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.SqlBody;
import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpDownPairFormatTest {
    private final UpDownPairFormat format = new UpDownPairFormat();

    @Test
    void readsOnlyTheHalvesOfAPair() {
        assertThat(format.reads("1_create_users.up.sql")).isTrue();
        assertThat(format.reads("1_create_users.down.sql")).isTrue();
        assertThat(format.reads("1_create_users.sql")).isFalse();
    }

    @Test
    void joinsTheUpAndDownFilesOfOneVersionIntoOneMigration() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("1_users.down.sql", "DROP TABLE users;\n"),
                new TextResource("1_users.up.sql", "CREATE TABLE users (id INTEGER);\n")), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(read).singleElement().satisfies(m -> {
            assertThat(m.script()).isEqualTo("1_users.up.sql");
            assertThat(((SqlBody) m.up()).firstLine()).isEqualTo(1);
            assertThat(m.down().file()).isEqualTo("1_users.down.sql");
        });
    }

    @Test
    void anUpFileAloneCannotBeRolledBack() {
        List<Migration> read = format.read(List.of(new TextResource("2_a.up.sql", "SELECT 1;\n")),
                new FileProblems());

        assertThat(read).singleElement().satisfies(m -> assertThat(m.down()).isNull());
    }

    @Test
    void aDownFileWithoutItsUpFileOrWithAnotherNameIsAProblem() {
        FileProblems problems = new FileProblems();
        format.read(List.of(
                new TextResource("3_a.down.sql", "SELECT 1;\n"),
                new TextResource("4_b.down.sql", "SELECT 1;\n"),
                new TextResource("4_c.up.sql", "SELECT 1;\n")), problems);

        assertThat(problems.messages()).containsExactly(
                "3_a.down.sql: a down file without its up file",
                "4_b.down.sql: the down file's name does not match its up file 4_c.up.sql");
    }

    @Test
    void inGolangMigrateFoldersABlankUpOrDownFileIsAMigrationThatDoesNothingButInGodwitsItIsNotWrittenYet() {
        List<Resource> files = List.of(new TextResource("1_noop.up.sql", ""),
                new TextResource("1_noop.down.sql", "  \n-- nothing\n"));
        SqlSplitter splitter = new SqlSplitter(LexicalRules.SQLITE);
        List<String> warnings = new ArrayList<>();

        FileProblems problems = new FileProblems();
        List<PreparedMigration> golang = new MigrationSet("m", UpDownPairFormat.golangMigrate().read(files, problems),
                problems).prepare(splitter, warnings::add);
        List<PreparedMigration> own = new MigrationSet("m", format.read(files, problems), problems)
                .prepare(splitter, warnings::add);

        assertThat(golang).singleElement().satisfies(m -> {
            assertThat(m.written()).isTrue();
            assertThat(m.down()).isNotNull();
        });
        assertThat(own).singleElement().satisfies(m -> assertThat(m.written()).isFalse());
        assertThat(warnings).singleElement().asString().startsWith("1_noop.up.sql: not written yet")
                .contains("--format golang-migrate");
    }
}
