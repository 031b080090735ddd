package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlywayFormatTest {
    private final FlywayFormat format = new FlywayFormat(Map.of("owner", "app", "flyway:defaultSchema", "public"));

    @Test
    void readsVersionedUndoAndRepeatableNamesAndNothingElse() {
        assertThat(format.reads("V1__create_users.sql")).isTrue();
        assertThat(format.reads("V1_10__later.sql")).isTrue();
        assertThat(format.reads("V2.1__dotted.sql")).isTrue();
        assertThat(format.reads("U1__create_users.sql")).isTrue();
        assertThat(format.reads("R__views.sql")).isTrue();
        assertThat(format.reads("1_create_users.sql")).isFalse();
        assertThat(format.reads("V1_create_users.sql")).isFalse();
        assertThat(format.reads("README.md")).isFalse();
    }

    @Test
    void underscoresAndDotsBothSeparateVersionPartsSoV1_10SortsAfterV1_9() {
        List<Migration> read = format.read(List.of(
                new TextResource("V1_10__ten.sql", "SELECT 10;\n"),
                new TextResource("V1_9__nine.sql", "SELECT 9;\n"),
                new TextResource("V1.2__two.sql", "SELECT 2;\n")), new FileProblems());

        assertThat(read.stream().map(Migration::version).sorted().map(Version::text))
                .containsExactly("1.2", "1.9", "1.10");
        assertThat(read.stream().filter(m -> m.version().text().equals("1.9")).findFirst().orElseThrow()
                .description()).isEqualTo("nine");
    }

    @Test
    void anUndoFileIsTheDownOfItsVersionAndAnUndoAloneIsAProblem() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("U1__users.sql", "DROP TABLE users;\n"),
                new TextResource("U7__gone.sql", "SELECT 1;\n"),
                new TextResource("V1__users.sql", "CREATE TABLE users (id INTEGER);\n")), problems);

        assertThat(read).singleElement().satisfies(m -> assertThat(m.down().file()).isEqualTo("U1__users.sql"));
        assertThat(problems.messages()).containsExactly("U7__gone.sql: an undo file without its versioned migration");
    }

    @Test
    void placeholdersAreReplacedAndBuiltInsKnownButTheChecksumIsOfTheFileAsWritten() {
        List<Migration> read = format.read(List.of(new TextResource("V1__grant.sql",
                "CREATE TABLE ${flyway:defaultSchema}.t (id INTEGER);\n-- ${flyway:table} ${flyway:filename}\n"
                        + "GRANT SELECT ON t TO ${owner};\n")), new FileProblems());
        FlywayFormat other = new FlywayFormat(Map.of("owner", "someone_else", "flyway:defaultSchema", "public"));
        List<Migration> again = other.read(List.of(new TextResource("V1__grant.sql",
                "CREATE TABLE ${flyway:defaultSchema}.t (id INTEGER);\n-- ${flyway:table} ${flyway:filename}\n"
                        + "GRANT SELECT ON t TO ${owner};\n")), new FileProblems());

        assertThat(((SqlBody) read.get(0).up()).text()).isEqualTo("CREATE TABLE public.t (id INTEGER);\n"
                + "-- flyway_schema_history V1__grant.sql\nGRANT SELECT ON t TO app;\n");
        assertThat(again.get(0).checksum()).isEqualTo(read.get(0).checksum());
    }

    @Test
    void aPlaceholderWithoutAValueNamesFileLineAndPlaceholder() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(new TextResource("V3__grant.sql",
                "CREATE TABLE t (id INTEGER);\n\nGRANT SELECT ON t TO ${reader};\n")), problems);

        assertThat(read).isEmpty();
        assertThat(problems.messages()).containsExactly("V3__grant.sql:3: placeholder '${reader}' has no value");
    }

    @Test
    void aRepeatableIsKeyedByItsDescriptionAndItsChecksumFollowsItsPlaceholders() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(new TextResource("R__refresh_views.sql",
                "CREATE VIEW v AS SELECT '${owner}' AS owner;\n")), problems);
        FlywayFormat other = new FlywayFormat(Map.of("owner", "someone_else"));
        List<Migration> again = other.read(List.of(new TextResource("R__refresh_views.sql",
                "CREATE VIEW v AS SELECT '${owner}' AS owner;\n")), problems);

        assertThat(problems.messages()).isEmpty();
        assertThat(read).singleElement().satisfies(m -> {
            assertThat(m.version()).isEqualTo(Version.repeatable("refresh views"));
            assertThat(m.version().text()).isEqualTo("R__refresh_views");
            assertThat(m.version().isRepeatable()).isTrue();
            assertThat(m.description()).isEqualTo("refresh views");
            assertThat(m.down()).isNull();
            assertThat(((SqlBody) m.up()).text()).contains("'app' AS owner");
        });
        // a new placeholder value applies a repeatable again
        assertThat(again.get(0).checksum()).isNotEqualTo(read.get(0).checksum());
    }
}
