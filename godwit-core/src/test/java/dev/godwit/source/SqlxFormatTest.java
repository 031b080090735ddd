package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlxFormatTest {
    private final SqlxFormat format = new SqlxFormat();

    @Test
    void aSimpleFileIsAWholeUpWithoutDownAndAPairIsReversible() {
        FileProblems problems = new FileProblems();
        List<Migration> read = format.read(List.of(
                new TextResource("20240101000000_users.sql", "CREATE TABLE users (id INTEGER);\n"),
                new TextResource("20240102000000_posts.down.sql", "DROP TABLE posts;\n"),
                new TextResource("20240102000000_posts.up.sql", "CREATE TABLE posts (id INTEGER);\n")), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(read).hasSize(2);
        assertThat(read.get(0).down()).isNull();
        assertThat(read.get(1).down().file()).isEqualTo("20240102000000_posts.down.sql");
    }

    @Test
    void noTransactionOnTheFirstLineRunsTheFileWithoutATransaction() {
        Migration m = format.read(List.of(new TextResource("3_vacuum.sql", "-- no-transaction\nVACUUM;\n")),
                new FileProblems()).get(0);

        assertThat(((SqlBody) m.up()).directives().noTransaction()).isTrue();
    }
}
