package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionedFileFormatTest {
    private final SectionedFileFormat format = new SectionedFileFormat();

    @Test
    void readsOnlyVersionedSqlFilesThatAreNotHalvesOfAPair() {
        assertThat(format.reads("20250101120000_create_users.sql")).isTrue();
        assertThat(format.reads("1.2_add_index.sql")).isTrue();
        assertThat(format.reads("1_create_users.up.sql")).isFalse();
        assertThat(format.reads("1_create_users.down.sql")).isFalse();
        assertThat(format.reads("notes.sql")).isFalse();
    }

    @Test
    void cutsTheFileIntoUpAndDownBodiesWithTheirFirstLinesAndTheChecksumOfTheUpText() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(new TextResource("3_add_posts.sql",
                "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n-- migrate:down\nDROP TABLE posts;\n")), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(read).hasSize(1);
        Migration m = read.get(0);
        assertThat(m.version()).isEqualTo(Version.parse("3"));
        assertThat(m.description()).isEqualTo("add posts");
        SqlBody up = (SqlBody) m.up();
        SqlBody down = (SqlBody) m.down();
        assertThat(up.firstLine()).isEqualTo(2);
        assertThat(up.text()).isEqualTo("CREATE TABLE posts (id INTEGER);");
        assertThat(down.firstLine()).isEqualTo(4);
        assertThat(m.checksum()).isEqualTo(Checksum.of(up.text()));
    }

    @Test
    void aFileWithoutAnUpMarkerIsAProblemAndNoMigration() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(new TextResource("7_no_up.sql", "CREATE TABLE x (id INTEGER);\n")),
                problems);

        assertThat(read).isEmpty();
        assertThat(problems.messages()).singleElement().asString().startsWith("7_no_up.sql: no up section");
    }

    @Test
    void directivesOfTheHeaderApplyToBothSections() {
        FileProblems problems = new FileProblems();
        Migration m = format.read(List.of(new TextResource("4_index.sql", "-- godwit:no-transaction\n"
                + "-- migrate:up\nCREATE INDEX i ON t (a);\n-- migrate:down\nDROP INDEX i;\n")), problems).get(0);

        assertThat(m.up().directives().noTransaction()).isTrue();
        assertThat(m.down().directives().noTransaction()).isTrue();
    }
}
