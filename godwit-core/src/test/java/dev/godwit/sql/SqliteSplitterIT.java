package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The splitter against the real thing: each script run through the {@code sqlite3} shell and, statement by
 * statement as the splitter cuts it, through JDBC must leave the same schema and the same rows.
 */
class SqliteSplitterIT {
    private static final Path SQLITE3 = Path.of("/usr/bin/sqlite3");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheSqlite3Shell() {
        if (!Files.isExecutable(SQLITE3)) {
            fail(SQLITE3 + " is missing; these tests compare Godwit with the sqlite3 shell: install it "
                    + "(apt-get install sqlite3)");
        }
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("quotes and comments", """
                        -- A migration that quotes everything; nothing here splits early.
                        CREATE TABLE "semi;colon" ([a;b] TEXT, `c``d;` TEXT, "e""f" TEXT); -- trailing ; comment
                        /* a block comment; with 'quotes' and "double quotes" */
                        INSERT INTO "semi;colon" VALUES ('it''s; fine', '-- not a comment', '/* nor this */');
                        INSERT INTO "semi;colon" VALUES (x'3b27', 'line one;
                        line two', 'back\\slash;');
                        CREATE VIEW v AS SELECT [a;b] -- comment inside a view; kept
                          FROM "semi;colon"
                        ;
                        CREATE INDEX "i;x" ON "semi;colon" (`c``d;`) /* ; */ WHERE "e""f" <> ';';
                        """),
                Arguments.of("triggers", """
                        CREATE TABLE t (id INTEGER PRIMARY KEY, n INT, "end" TEXT);
                        CREATE TABLE log (msg TEXT);
                        CREATE TRIGGER t_ins AFTER INSERT ON t
                        WHEN CASE WHEN new.n > 0 THEN 1 ELSE 0 END = 1
                        BEGIN
                          INSERT INTO log VALUES ('insert; ' || CASE new.n WHEN 1 THEN 'one;'
                            ELSE CASE WHEN new.n > 5 THEN 'big' END END);
                          UPDATE t SET "end" = 'END;' WHERE id = new.id; -- END; in a comment
                          /* END; */
                          INSERT INTO log SELECT 'case end begin';
                        END;
                        create temp trigger tmp_upd after update on main.t begin
                          insert into log values ('updated ' || new.id);
                        end;
                        INSERT INTO t (n) VALUES (1), (7), (0);
                        UPDATE t SET n = n + 1 WHERE id = 1;
                        CREATE TRIGGER IF NOT EXISTS [t del] BEFORE DELETE ON t FOR EACH ROW BEGIN
                          SELECT RAISE(ABORT, 'no deletes; ever') WHERE old.n = 0; END;
                        """),
                Arguments.of("transactions", """
                        BEGIN;
                        CREATE TABLE a (x INTEGER);
                        INSERT INTO a VALUES (1);
                        COMMIT;
                        BEGIN TRANSACTION;
                        INSERT INTO a VALUES (2);
                        END;
                        BEGIN IMMEDIATE; INSERT INTO a VALUES (3); ROLLBACK;
                        SAVEPOINT s; INSERT INTO a VALUES (4); RELEASE s;
                        INSERT INTO a VALUES (5)
                        """),
                Arguments.of("views, upserts and an instead-of trigger", """
                        CREATE TABLE kv (k TEXT PRIMARY KEY, v INT);
                        CREATE VIEW kv_view AS SELECT k, v, CASE WHEN v > 1 THEN 'many' ELSE 'few' END AS label
                          FROM kv;
                        CREATE TRIGGER kv_view_ins INSTEAD OF INSERT ON kv_view
                        BEGIN
                          INSERT INTO kv VALUES (new.k, coalesce(new.v, 0))
                            ON CONFLICT (k) DO UPDATE SET v = v + excluded.v;
                          SELECT CASE WHEN new.k = 'bad;' THEN RAISE(ABORT, 'bad; key') END;
                        END;
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
                        INSERT INTO kv SELECT 'k' || i, i FROM n;
                        INSERT INTO kv_view (k, v) VALUES ('k1', 10), ('new', NULL);
                        SELECT CASE WHEN count(*) > 3 THEN 'end' END FROM kv;
                        """),
                Arguments.of("a column named end inside a trigger body", """
                        CREATE TABLE t (id INTEGER PRIMARY KEY, end INT, n INT);
                        CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN
                          UPDATE t SET end = 1 WHERE id = new.id;
                          UPDATE t SET n = CASE WHEN end = 1 THEN 2 END WHERE id = new.id;
                        END;
                        INSERT INTO t (id) VALUES (5);
                        """),
                Arguments.of("a block comment left open at the end", """
                        CREATE TABLE z (x);
                        INSERT INTO z VALUES (1); /* left open
                        CREATE TABLE y (x);
                        """),
                Arguments.of("crlf line ends and empty statements",
                        "CREATE TABLE w (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;;\r\n"
                                + "INSERT INTO w VALUES ('a', 'x;y');INSERT INTO w VALUES ('b',\r\n 'multi\r\nline');\r\n"
                                + ";\r\n-- only a comment;\r\n/* and\r\n another; */\r\n"
                                + "CREATE VIEW wv AS SELECT k FROM w -- why; not\r\n;\r\n"
                                + "INSERT INTO w VALUES ('c', 'last')\r\n-- trailing comment\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void runningTheSplitStatementsThroughJdbcLeavesTheSameDatabaseAsTheSqlite3Shell(String name, String script)
            throws Exception {
        Path file = dir.resolve("script.sql");
        Files.writeString(file, script, StandardCharsets.UTF_8);

        Path byShell = dir.resolve("shell.db");
        runShell(byShell, file);

        Path bySplitter = dir.resolve("splitter.db");
        List<Statement> statements = new SqlSplitter(LexicalRules.SQLITE).split(script, "script.sql", 1);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + bySplitter)) {
            for (Statement statement : statements) {
                try (java.sql.Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                } catch (SQLException e) {
                    throw new AssertionError("line " + statement.line() + ": " + statement.sql(), e);
                }
            }
        }

        List<String> expected = contents(byShell);
        assertThat(expected).as("the shell created something").hasSizeGreaterThan(1);
        assertThat(contents(bySplitter)).isEqualTo(expected);
    }

    private static void runShell(Path db, Path script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SQLITE3.toString(), "-bail", db.toString())
                .redirectInput(script.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("sqlite3 finished").isTrue();
        assertThat(errors).as("sqlite3 errors").isEmpty();
        assertThat(process.exitValue()).isZero();
    }

    /** The schema and every table's rows, one line each, in a stable order. */
    private static List<String> contents(Path db) throws SQLException {
        List<String> lines = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.Statement jdbc = connection.createStatement()) {
            try (ResultSet rs = jdbc.executeQuery(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")) {
                while (rs.next()) {
                    lines.add(rs.getString(1) + " " + rs.getString(2) + " on " + rs.getString(3) + ": "
                            + rs.getString(4));
                    if (rs.getString(1).equals("table") && !rs.getString(2).startsWith("sqlite_")) {
                        tables.add(rs.getString(2));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rs = jdbc.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            row.append(' ').append(value instanceof byte[] bytes
                                    ? "x'" + HexFormat.of().formatHex(bytes) + "'"
                                    : value == null ? "NULL" : value.getClass().getSimpleName() + ":" + value);
                        }
                        rows.add(row.toString());
                    }
                    rows.sort(null);
                    lines.addAll(rows);
                }
            }
        }
        return lines;
    }
}
