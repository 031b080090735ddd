package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GooseFormatTest {
    private final GooseFormat format = new GooseFormat(Map.of("OWNER", "app"));

    @Test
    void readsUpAndDownSectionsWithTheirFirstLines() {
        List<Migration> read = format.read(List.of(new TextResource("20240101000000_users.sql", """
                -- +goose Up
                CREATE TABLE users (id INTEGER);
                -- +goose StatementBegin
                CREATE TRIGGER t AFTER INSERT ON users BEGIN
                  SELECT 1;
                END;
                -- +goose StatementEnd

                -- +goose Down
                DROP TABLE users;
                """)), new FileProblems());

        Migration m = read.get(0);
        assertThat(m.version().text()).isEqualTo("20240101000000");
        assertThat(((SqlBody) m.up()).firstLine()).isEqualTo(2);
        assertThat(((SqlBody) m.up()).text()).startsWith("CREATE TABLE users").contains("END;")
                .doesNotContain("DROP");
        assertThat(((SqlBody) m.down()).firstLine()).isEqualTo(10);
        assertThat(((SqlBody) m.down()).text()).isEqualTo("DROP TABLE users;");
    }

    @Test
    void noTransactionAppliesToBothSections() {
        Migration m = format.read(List.of(new TextResource("2_vacuum.sql",
                "-- +goose NO TRANSACTION\n-- +goose Up\nVACUUM;\n-- +goose Down\nVACUUM;\n")), new FileProblems())
                .get(0);

        assertThat(((SqlBody) m.up()).directives().noTransaction()).isTrue();
        assertThat(((SqlBody) m.down()).directives().noTransaction()).isTrue();
    }

    @Test
    void envsubReplacesVariablesOnlyBetweenOnAndOff() {
        Migration m = format.read(List.of(new TextResource("3_grant.sql", """
                -- +goose Up
                -- +goose ENVSUB ON
                GRANT SELECT ON t TO ${OWNER};
                GRANT SELECT ON t TO ${MISSING:-fallback};
                -- +goose ENVSUB OFF
                SELECT '${OWNER}';
                """)), new FileProblems()).get(0);

        assertThat(((SqlBody) m.up()).text()).contains("TO app;", "TO fallback;", "SELECT '${OWNER}';");
    }

    @Test
    void anUnclosedStatementBeginAndAFileWithoutUpAreProblems() {
        FileProblems problems = new FileProblems();
        format.read(List.of(
                new TextResource("4_a.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n"),
                new TextResource("5_b.sql", "SELECT 1;\n")), problems);

        assertThat(problems.messages()).containsExactly(
                "4_a.sql:3: '-- +goose StatementBegin' without a StatementEnd",
                "5_b.sql:1: SQL before '-- +goose Up'");
    }
}
