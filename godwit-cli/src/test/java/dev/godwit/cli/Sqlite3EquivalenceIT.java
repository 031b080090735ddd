package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration applied by Godwit leaves the same schema and rows as the sqlite3 shell running its up section. */
class Sqlite3EquivalenceIT {
    private static final String UP = """
            CREATE TABLE "weird;name" ([col;1] TEXT, `col;2` BLOB, "q""uote" TEXT DEFAULT 'a;b');
            /* a block comment; with a semicolon */
            INSERT INTO "weird;name" VALUES ('it''s; fine', x'DEADBEEF', 'x'); -- trailing; comment
            CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT);
            CREATE TRIGGER weird_log AFTER INSERT ON "weird;name"
            BEGIN
                INSERT INTO log (msg) VALUES (CASE WHEN NEW."q""uote" = 'x' THEN 'x;' ELSE 'other;' END);
                INSERT INTO log (msg) VALUES ('second; statement');
            END;
            INSERT INTO "weird;name" ([col;1]) VALUES ('fires the trigger');
            CREATE VIEW v AS SELECT count(*) AS n FROM log WHERE msg LIKE '%;%';
            INSERT INTO log (msg) SELECT 'last without semicolon'""";

    @TempDir
    Path tmp;

    @Test
    void godwitAndTheSqlite3ShellProduceTheSameDatabase() throws Exception {
        File sqlite3 = new File("/usr/bin/sqlite3");
        assertThat(sqlite3.canExecute())
                .as("/usr/bin/sqlite3 is needed to compare Godwit with the sqlite3 shell (apt-get install sqlite3)")
                .isTrue();
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("1_tricky.sql"), "-- migrate:up\n" + UP + "\n-- migrate:down\nDROP VIEW v;\n");
        Path viaGodwit = tmp.resolve("godwit.db");
        Path viaShell = tmp.resolve("shell.db");
        Path script = tmp.resolve("up.sql");
        Files.writeString(script, UP + ";\n");

        Cli.Result r = Cli.run(Map.of(), "--url", "sqlite:" + viaGodwit, "--dir", dir.toString(), "up");
        assertThat(r.exit()).as(r.toString()).isZero();
        Process p = new ProcessBuilder(sqlite3.getPath(), "-bail", viaShell.toString())
                .redirectInput(script.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

        assertThat(dump(viaGodwit)).isEqualTo(dump(viaShell)).isNotEmpty();
    }

    private static List<String> dump(Path db) throws IOException {
        List<String> out = new java.util.ArrayList<>(SqliteDb.query(db,
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT IN ('godwit_history', 'godwit_lock', 'godwit_schema', 'godwit_uptodate') "
                        + "AND name NOT LIKE 'sqlite_autoindex_godwit%' ORDER BY type, name"));
        out.addAll(SqliteDb.query(db, "SELECT [col;1], hex(`col;2`), \"q\"\"uote\" FROM \"weird;name\" ORDER BY 1"));
        out.addAll(SqliteDb.query(db, "SELECT id, msg FROM log ORDER BY id"));
        out.addAll(SqliteDb.query(db, "SELECT n FROM v"));
        return out;
    }
}
