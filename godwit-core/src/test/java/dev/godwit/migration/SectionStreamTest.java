package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.GodwitException;
import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import dev.godwit.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large section's statements, cut a little ahead on a thread of their own: handed over in order, a problem found
 * ahead thrown only when the statements before it were taken, and the cutting stopped when the run stops early.
 */
class SectionStreamTest {
    private static final SqlSplitter SPLITTER = new SqlSplitter(LexicalRules.SQLITE);

    @TempDir
    Path tmp;

    @Test
    void statementsComeInOrderWithTheirLinesAndTheChecksumIsKnownAtTheEnd() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", 'a;b');\n");
        }
        FileSlice slice = slice(text.toString());
        List<Statement> taken = new ArrayList<>();
        try (SectionStream stream = new SectionStream("1_big.sql", slice, SPLITTER, true)) {
            while (stream.hasNext()) {
                taken.add(stream.next());
            }
        }
        assertThat(taken).hasSize(20_000);
        assertThat(taken.get(0).line()).isEqualTo(2);
        assertThat(taken.get(19_999).line()).isEqualTo(20_001);
        assertThat(taken.get(19_999).sql()).contains("20000");
        assertThat(slice.checksumKnown()).isTrue();
        assertThat(slice.checksum()).isEqualTo(Checksum.of(text.toString()));
    }

    @Test
    void aProblemFoundAheadIsThrownAfterTheStatementsBeforeIt() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(");\n");
        }
        text.append("COMMIT;\nINSERT INTO t VALUES (0);\n");
        int before = 0;
        try (SectionStream stream = new SectionStream("1_big.sql", slice(text.toString()), SPLITTER, true)) {
            GodwitException thrown = null;
            try {
                while (stream.hasNext()) {
                    stream.next();
                    before++;
                }
            } catch (GodwitException e) {
                thrown = e;
            }
            assertThat(before).isEqualTo(5_000);
            assertThat(thrown).isNotNull();
            assertThat(thrown.getMessage()).startsWith("1_big.sql:5002: COMMIT controls the transaction");
        }
        String unterminated = "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('never closed);\n";
        try (SectionStream stream = new SectionStream("2_big.sql", slice(unterminated), SPLITTER, true)) {
            assertThat(stream.hasNext()).isTrue();
            stream.next();
            assertThatThrownBy(stream::hasNext).isInstanceOf(GodwitException.class).hasMessageContaining("2_big.sql:3")
                    .hasMessageContaining("unterminated");
        }
    }

    @Test
    void closingEarlyStopsTheCuttingThread() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 200_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(");\n");
        }
        FileSlice slice = slice(text.toString());
        try (SectionStream stream = new SectionStream("1_big.sql", slice, SPLITTER, true)) {
            stream.next();
        }
        for (int i = 0; i < 50 && threads() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(threads()).as("cutting and hashing threads left running").isZero();
        assertThat(slice.checksumKnown()).isFalse();
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().equals("godwit-statements")
                        || t.getName().equals("godwit-checksum"))).count();
    }

    private FileSlice slice(String upSection) throws Exception {
        Path file = Files.createTempFile(tmp, "big", ".sql");
        Files.writeString(file, "-- migrate:up\n" + upSection);
        return new FileSlice(file, 2, Integer.MAX_VALUE, Files.size(file));
    }
}
