package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixedPairFormatTest {
    private final PrefixedPairFormat format = new PrefixedPairFormat();

    @Test
    void readsPrefixedPairsOnly() {
        assertThat(format.reads("V1.CreateUsers.up.sql")).isTrue();
        assertThat(format.reads("V12.AddTags.down.sql")).isTrue();
        assertThat(format.reads("V1__create_users.sql")).isFalse();
        assertThat(format.reads("1_users.up.sql")).isFalse();
    }

    @Test
    void joinsUpAndDownOfAVersionAndNamesADownAlone() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("V1.CreateUsers.down.sql", "DROP TABLE users;\n"),
                new TextResource("V1.CreateUsers.up.sql", "CREATE TABLE users (id INTEGER);\n"),
                new TextResource("V2.Tags.down.sql", "DROP TABLE tags;\n"),
                new TextResource("V10.Later.up.sql", "SELECT 1;\n")), problems);

        assertThat(read).extracting(m -> m.version().text()).containsExactly("1", "10");
        assertThat(read.get(0).down().file()).isEqualTo("V1.CreateUsers.down.sql");
        assertThat(read.get(0).description()).isEqualTo("CreateUsers");
        assertThat(problems.messages()).containsExactly("V2.Tags.down.sql: a down file without its up file");
    }
}
