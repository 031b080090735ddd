package dev.godwit.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.plan.PlanRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgreSQL splitter against the real thing: each script applied by Godwit to one database and by
 * {@code psql -f} to another must leave the same schema and the same rows ({@code pg_dump} of both, history
 * table left out).
 */
class PostgresSplitterIT {
    private static PostgresTestDatabase viaGodwit;
    private static PostgresTestDatabase viaPsql;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabases() {
        viaGodwit = PostgresTestDatabase.create();
        viaPsql = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabases() {
        if (viaGodwit != null) {
            viaGodwit.close();
        }
        if (viaPsql != null) {
            viaPsql.close();
        }
    }

    @BeforeEach
    void emptyBothDatabases() {
        for (PostgresTestDatabase db : new PostgresTestDatabase[] {viaGodwit, viaPsql}) {
            db.execute("DROP SCHEMA public CASCADE", "CREATE SCHEMA public");
        }
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("dollar quotes with and without tags, nested different tags", """
                        CREATE TABLE log (msg text);
                        CREATE FUNCTION add_log(m text) RETURNS void LANGUAGE plpgsql AS $$
                        BEGIN
                          INSERT INTO log VALUES (m || ';');  -- a ; in a body
                        END;
                        $$;
                        CREATE FUNCTION nested() RETURNS text LANGUAGE plpgsql AS $fn$
                        BEGIN
                          EXECUTE $q$INSERT INTO log VALUES ('from $x$ ; inside')$q$;
                          RETURN $$plain; dollars$$;
                        END
                        $fn$;
                        SELECT add_log('one'); SELECT nested();
                        INSERT INTO log VALUES ($x$it's $$ not closed; here$x$);
                        """),
                Arguments.of("escape strings, doubled quotes and quoted identifiers", """
                        CREATE TABLE "semi;colon" ("a;b" text, "c""d" text, e text);
                        INSERT INTO "semi;colon" VALUES (E'it\\'s; a \\\\ backslash', 'it''s; fine', e'tab\\there');
                        INSERT INTO "semi;colon" VALUES ('back\\slash stays;', U&'d\\0061t\\+000061;', '-- not a comment');
                        INSERT INTO "semi;colon" VALUES ('/* nor this */', E'\\x3b', $$;$$);
                        """),
                Arguments.of("nested block comments", """
                        /* outer /* inner; */ still a comment; */
                        CREATE TABLE c (id int); /* trailing /* nested */ ; */
                        INSERT INTO c VALUES (1) /* ; */ , (2);
                        -- a line comment; with a semicolon
                        INSERT INTO c VALUES (3)
                        """),
                Arguments.of("BEGIN ATOMIC function and procedure bodies", """
                        CREATE TABLE t (id int, label text);
                        CREATE FUNCTION add_two(a int) RETURNS int LANGUAGE sql
                        BEGIN ATOMIC
                          SELECT a + 1;
                          SELECT CASE WHEN a > 0 THEN a + 2 ELSE a END;
                        END;
                        CREATE PROCEDURE fill() LANGUAGE sql
                        BEGIN ATOMIC
                          INSERT INTO t VALUES (1, 'one;');
                          INSERT INTO t VALUES (2, 'two');
                        END;
                        CALL fill();
                        INSERT INTO t VALUES (add_two(3), 'five');
                        """),
                Arguments.of("DO blocks", """
                        CREATE TABLE d (n int);
                        DO $$
                        BEGIN
                          FOR i IN 1..3 LOOP
                            INSERT INTO d VALUES (i);
                          END LOOP;
                        END
                        $$;
                        DO LANGUAGE plpgsql $body$ BEGIN INSERT INTO d VALUES (10); END $body$;
                        """),
                Arguments.of("CREATE RULE with several actions in parentheses", """
                        CREATE TABLE items (id int);
                        CREATE TABLE audit (what text, id int);
                        CREATE RULE items_audit AS ON INSERT TO items DO ALSO (
                          INSERT INTO audit VALUES ('insert', NEW.id);
                          INSERT INTO audit VALUES ('again;', NEW.id)
                        );
                        INSERT INTO items VALUES (7);
                        """),
                Arguments.of("COPY FROM stdin with inline data", """
                        CREATE TABLE fruit (id int, name text, note text);
                        COPY fruit (id, name, note) FROM stdin;
                        1\tapple\tred; round
                        2\tpear\t\\N
                        3\tquince\t-- not a comment
                        \\.
                        COPY fruit FROM stdin WITH (FORMAT csv);
                        4,fig,"a ""quoted""; note"
                        \\.
                        INSERT INTO fruit VALUES (5, 'plum', 'after copy');
                        """),
                Arguments.of("COPY FROM stdin with its options on later lines", """
                        CREATE TABLE my_table (a int, b text);
                        COPY my_table (a, b)
                        FROM STDIN
                        WITH (FORMAT text);
                        1\tone
                        2\ttwo; still data
                        \\.
                        INSERT INTO my_table VALUES (3, 'after copy');
                        """),
                Arguments.of("enum types, a type body and a last statement without semicolon", """
                        CREATE TYPE mood AS ENUM ('sad', 'ok;', 'happy');
                        CREATE TYPE pair AS (a int, b text);
                        CREATE TABLE m (id int, feel mood, p pair);
                        INSERT INTO m VALUES (1, 'ok;', ROW(1, 'x;y'))""")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void godwitLeavesTheSameSchemaAndRowsAsPsql(String name, String script) throws IOException {
        Files.writeString(dir.resolve("1_case.sql"), "-- migrate:up\n" + script, StandardCharsets.UTF_8);
        Godwit.create(GodwitConfig.builder().url(viaGodwit.url()).migrations(dir).build())
                .up(PlanRequest.Up.all(), false);

        Path plain = dir.resolve("plain.sql.txt");
        Files.writeString(plain, script, StandardCharsets.UTF_8);
        PostgresTestDatabase.ToolResult psql = viaPsql.psql(plain);
        assertThat(psql.exitCode()).as("psql -f: " + psql.output()).isZero();

        String expected = viaPsql.dump();
        assertThat(expected).contains("CREATE TABLE");
        assertThat(viaGodwit.dump("public.godwit_history", "public.godwit_schema", "public.godwit_uptodate")).isEqualTo(expected);
    }

    @Test
    void refusesPsqlMetaCommandsNamingTheLine() throws IOException {
        Files.writeString(dir.resolve("1_meta.sql"), "-- migrate:up\nCREATE TABLE a (id int);\n\\connect other\n");
        assertThatThrownBy(() -> Godwit.create(GodwitConfig.builder().url(viaGodwit.url()).migrations(dir).build())
                .up(PlanRequest.Up.all(), false))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILE);
                    assertThat(e.getMessage()).contains("1_meta.sql:3").contains("\\connect");
                });
        assertThat(viaGodwit.tableExists("public", "a")).isFalse();
        assertThat(viaGodwit.tableExists("public", "godwit_history")).isFalse();
    }
}
