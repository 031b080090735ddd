package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.SqlBody;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large file's first pass scans bytes and decodes only the lines it needs: it must find what reading the file
 * whole finds (sections, directives, problems and their lines) for any mix of line endings, markers, comments and
 * text outside ASCII, and refuse bad UTF-8 anywhere in the file, naming its line, before anything runs.
 */
class LargeFileReadingTest {
    private static final String[] LINES = {"-- migrate:up", "-- migrate:down", "  --\tmigrate:UP transaction:false",
        "-- DOWN", "-- godwit:no-transaction", "-- godwit:foreign-keys-off", "CREATE TABLE t (id INTEGER);",
        "INSERT INTO t VALUES (1, 'caf\u00e9 \u20ac \uD83D\uDE00');", "-- just a comment", "", "   ", "\t-- - -",
        "SELECT '--';", "x".repeat(5000), "INSERT INTO t VALUES (2, '" + "y".repeat(300) + "');"};
    private static final String[] ENDS = {"\n", "\r\n", "\r"};

    @TempDir
    Path tmp;

    @Test
    void findsWhatReadingTheFileWholeFindsForAnyMixOfLinesAndEndings() throws Exception {
        Random random = new Random(15);
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(round % 4 == 0 ? 400 : 12);
            for (int i = 0; i < lines; i++) {
                text.append(LINES[random.nextInt(LINES.length)]);
                if (i < lines - 1 || random.nextBoolean()) {
                    text.append(ENDS[random.nextInt(ENDS.length)]);
                }
            }
            boolean bom = random.nextInt(5) == 0;
            String s = text.toString();
            Path file = tmp.resolve(round + "_file.sql");
            Files.writeString(file, (bom ? "\uFEFF" : "") + s, StandardCharsets.UTF_8);

            FileProblems wholeProblems = new FileProblems();
            MigrationFileParser.Parsed whole = new MigrationFileParser().parseSingle(file.getFileName().toString(),
                    s, wholeProblems);
            FileProblems largeProblems = new FileProblems();
            MigrationFileParser.Parsed large = new MigrationFileParser().parseLarge(file.getFileName().toString(),
                    file, Files.size(file), false, largeProblems);

            String what = "round " + round + ": " + s.replace("\r", "\\r").replace("\n", "\\n");
            assertThat(largeProblems.messages()).as(what).isEqualTo(wholeProblems.messages());
            assertThat(large.up() == null).as(what).isEqualTo(whole.up() == null);
            if (whole.up() != null) {
                assertThat(large.up().directives()).as(what).isEqualTo(whole.up().directives());
                assertThat(large.up().firstLine()).as(what).isEqualTo(whole.up().firstLine());
                assertThat(read(large.up())).as(what).isEqualTo(whole.up().text());
                assertThat(large.up().checksum()).as(what).isEqualTo(Checksum.of(whole.up().text()));
            }
            assertThat(large.down() == null).as(what).isEqualTo(whole.down() == null);
            if (whole.down() != null) {
                assertThat(large.down().text()).as(what).isEqualTo(whole.down().text());
                assertThat(large.down().directives()).as(what).isEqualTo(whole.down().directives());
            }
        }
    }

    @Test
    void badUtf8DeepInTheUpSectionIsRefusedNamingItsLine() throws Exception {
        Path file = tmp.resolve("1_big.sql");
        StringBuilder text = new StringBuilder("-- migrate:up\n");
        for (int i = 0; i < 2000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", 'some text to pass the head');\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "INSERT INTO t VALUES (-1, 'caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(file, all);

        FileProblems problems = new FileProblems();
        MigrationFileParser.Parsed parsed = new MigrationFileParser().parseLarge("1_big.sql", file, all.length, false,
                problems);
        assertThat(parsed.up()).isNull();
        assertThat(problems.messages()).containsExactly("1_big.sql:2002: not valid UTF-8");
    }

    private static String read(SqlBody body) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buf = new char[1000];
        try (Reader r = body.large().open()) {
            for (int n; (n = r.read(buf)) >= 0; ) {
                out.append(buf, 0, n);
            }
        }
        return out.toString();
    }
}
