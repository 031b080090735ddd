package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.GodwitException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming a script gives exactly the statements of splitting it whole, however the reader hands out its text. */
class StatementStreamTest {
    private static final String[] PIECES = {
        "CREATE TABLE t (id INTEGER, v TEXT);\n",
        "INSERT INTO t VALUES (1, 'a;b');\r\n",
        "-- a comment; with a semicolon\n",
        "/* block ; comment */ SELECT 1;\n",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET v = 'x;' WHERE id = new.id;\nEND;\n",
        "INSERT INTO t VALUES (2, 'it''s');\n",
        "SELECT \"quoted;name\" FROM t;\n",
        "\n\n   \n",
        "SELECT 2\r\n;\n",
    };
    private static final String[] PG_PIECES = {
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n",
        "SELECT E'a\\';b';\n",
        "/* nested /* comment ; */ still */ SELECT 3;\n",
        "COPY t (id) FROM stdin;\n1\n2\n\\.\n",
        "INSERT INTO t VALUES (4);\r\n",
    };

    @Test
    void givesTheStatementsOfASplitForScriptsOfManyShapesAndSizesReadInPiecesOfAnySize() {
        Random random = new Random(15);
        for (int round = 0; round < 40; round++) {
            boolean pg = round % 2 == 1;
            String[] pieces = pg ? PG_PIECES : PIECES;
            SqlSplitter splitter = new SqlSplitter(pg ? LexicalRules.POSTGRES : LexicalRules.SQLITE);
            StringBuilder script = new StringBuilder(round % 4 == 0 ? "\uFEFF" : "");
            int count = round < 36 ? random.nextInt(40) : 20_000 + random.nextInt(20_000);
            for (int i = 0; i < count; i++) {
                script.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextBoolean()) {
                script.append("SELECT 'last, without a semicolon'");
            }
            String text = script.toString();
            List<Statement> whole = splitter.split(text, "f.sql", 3);
            int most = 1 + random.nextInt(round < 36 ? 7 : 70_000);
            List<Statement> streamed = new ArrayList<>();
            splitter.stream(new Trickle(text, most, random), "f.sql", 3).forEachRemaining(streamed::add);
            assertThat(streamed).as("round %d", round).isEqualTo(whole);
        }
    }

    @Test
    void throwsTheSplitsProblemWhenItReachesIt() {
        SqlSplitter splitter = new SqlSplitter(LexicalRules.SQLITE);
        String text = "SELECT 1;\n".repeat(20_000) + "SELECT 'open;\n";
        StatementStream stream = splitter.stream(new StringReader(text), "big.sql", 1);
        for (int i = 0; i < 20_000; i++) {
            assertThat(stream.next().sql()).isEqualTo("SELECT 1");
        }
        GodwitException expected = catchSplit(() -> splitter.split(text, "big.sql", 1));
        assertThatThrownBy(stream::hasNext).isInstanceOf(GodwitException.class)
                .hasMessage(expected.getMessage());
    }

    private static GodwitException catchSplit(Runnable r) {
        try {
            r.run();
        } catch (GodwitException e) {
            return e;
        }
        throw new AssertionError("no problem found");
    }

    /** A reader that hands out at most {@code most} characters per read, a random number of them. */
    private static final class Trickle extends Reader {
        private final String text;
        private final int most;
        private final Random random;
        private int at;

        Trickle(String text, int most, Random random) {
            this.text = text;
            this.most = most;
            this.random = random;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(most)), text.length() - at);
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
