package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionRangeFormatTest {
    private final VersionRangeFormat format = new VersionRangeFormat();

    @Test
    void readsRangesAndTheirRollbacks() {
        assertThat(format.reads("v1.0_to_v1.1.sql")).isTrue();
        assertThat(format.reads("v1.0_to_v1.1_git_integration.sql")).isTrue();
        assertThat(format.reads("rollback/v1.1_to_v1.0.sql")).isTrue();
        assertThat(format.reads("v1.0_initial_schema.sql")).isFalse();
    }

    @Test
    void filesWithTheSameTargetAreOneStepInNameOrderAndTheirRollbacksRunTheOtherWay() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("rollback/v1.1_to_v1.0.sql", "DROP TABLE notes_extra;\n"),
                new TextResource("rollback/v1.1_to_v1.0_git_integration.sql", "DROP TABLE work_branches;\n"),
                new TextResource("v1.0_to_v1.1.sql", "CREATE TABLE notes_extra (id INTEGER);\n"),
                new TextResource("v1.0_to_v1.1_git_integration.sql", "CREATE TABLE work_branches (id INTEGER);\n"),
                new TextResource("v1.1_to_v1.2.sql", "CREATE TABLE later (id INTEGER);\n")), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(read).extracting(m -> m.version().text()).containsExactly("1.1", "1.2");
        assertThat(((SqlBody) read.get(0).up()).text()).isEqualTo("CREATE TABLE notes_extra (id INTEGER);\n"
                + "CREATE TABLE work_branches (id INTEGER);\n");
        assertThat(((SqlBody) read.get(0).down()).text()).isEqualTo("DROP TABLE work_branches;\n"
                + "DROP TABLE notes_extra;\n");
        assertThat(read.get(0).script()).isEqualTo("v1.0_to_v1.1.sql");
        assertThat(read.get(1).down()).isNull();
    }

    @Test
    void aRangeThatGoesTheWrongWayAndARollbackAloneAreProblems() {
        FileProblems problems = new FileProblems();
        format.read(List.of(
                new TextResource("rollback/v2.0_to_v1.9.sql", "SELECT 1;\n"),
                new TextResource("v1.1_to_v1.0.sql", "SELECT 1;\n")), problems);

        assertThat(problems.messages()).containsExactly(
                "v1.1_to_v1.0.sql: a migration that does not go up (1.1 to 1.0)",
                "rollback/v2.0_to_v1.9.sql: a rollback without a migration to its version");
    }
}
