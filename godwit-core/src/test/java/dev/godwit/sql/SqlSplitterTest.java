package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {
    private static final SqlSplitter SQLITE = new SqlSplitter(LexicalRules.SQLITE);
    private static final SqlSplitter POSTGRES = new SqlSplitter(LexicalRules.POSTGRES);

    private static List<String> sqlite(String script) {
        return SQLITE.split(script, "V1__x.sql", 1).stream().map(Statement::sql).toList();
    }

    private static List<String> postgres(String script) {
        return POSTGRES.split(script, "V1__x.sql", 1).stream().map(Statement::sql).toList();
    }

    private static GodwitException sqliteError(String script) {
        return error(SQLITE, script);
    }

    private static GodwitException postgresError(String script) {
        return error(POSTGRES, script);
    }

    private static GodwitException error(SqlSplitter splitter, String script) {
        Throwable thrown = catchThrowable(() -> splitter.split(script, "V1__x.sql", 1));
        assertThat(thrown).isInstanceOf(GodwitException.class);
        GodwitException e = (GodwitException) thrown;
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILE);
        assertThat(e.hint()).isNotBlank();
        return e;
    }

    @Nested
    class BothDialects {
        @Test
        void anEmptyScriptHasNoStatements() {
            assertThat(sqlite("")).isEmpty();
            assertThat(postgres("")).isEmpty();
            assertThat(sqlite(" \n\t\r\n")).isEmpty();
        }

        @Test
        void aScriptOfCommentsAndSemicolonsHasNoStatements() {
            String script = "-- only a comment;\n/* and ; another */\n;\n ; -- more\n";
            assertThat(sqlite(script)).isEmpty();
            assertThat(postgres(script)).isEmpty();
        }

        @Test
        void cutsAtSemicolonsAndKeepsTheLastStatementWithoutOne() {
            String script = "CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);INSERT INTO a VALUES (2)\n";
            List<String> expected = List.of("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)",
                    "INSERT INTO a VALUES (2)");
            assertThat(sqlite(script)).isEqualTo(expected);
            assertThat(postgres(script)).isEqualTo(expected);
        }

        @Test
        void dropsLeadingCommentsButKeepsCommentsInsideAStatement() {
            String script = "-- about a\n/* block */ CREATE TABLE a ( -- the key; really\n x INT /* ; */);";
            List<String> expected = List.of("CREATE TABLE a ( -- the key; really\n x INT /* ; */)");
            assertThat(sqlite(script)).isEqualTo(expected);
            assertThat(postgres(script)).isEqualTo(expected);
        }

        @Test
        void stripsTrailingBlanksButKeepsATrailingCommentBeforeTheSemicolon() {
            assertThat(sqlite("SELECT 1   -- one\n ;")).containsExactly("SELECT 1   -- one");
        }

        @Test
        void ignoresSemicolonsInsideStringsAndDoubledQuotes() {
            String script = "INSERT INTO t VALUES ('a;b', 'it''s; fine', '');SELECT ';'";
            List<String> expected = List.of("INSERT INTO t VALUES ('a;b', 'it''s; fine', '')", "SELECT ';'");
            assertThat(sqlite(script)).isEqualTo(expected);
            assertThat(postgres(script)).isEqualTo(expected);
        }

        @Test
        void ignoresSemicolonsInsideDoubleQuotedIdentifiers() {
            String script = "CREATE TABLE \"a;\"\"b\" (x INT); SELECT 1";
            assertThat(sqlite(script)).containsExactly("CREATE TABLE \"a;\"\"b\" (x INT)", "SELECT 1");
            assertThat(postgres(script)).containsExactly("CREATE TABLE \"a;\"\"b\" (x INT)", "SELECT 1");
        }

        @Test
        void givesEachStatementTheFileLineOfItsFirstToken() {
            String script = "-- header\n\nCREATE TABLE a (\n  x INT\n);\n\n/* c\n */ SELECT 1; SELECT\n2;\n";
            List<Statement> statements = SQLITE.split(script, "V1__x.sql", 1);
            assertThat(statements).extracting(Statement::line).containsExactly(3, 8, 8);
            assertThat(POSTGRES.split(script, "V1__x.sql", 10)).extracting(Statement::line).containsExactly(12, 17, 17);
        }

        @Test
        void countsLinesInsideStringsAndComments() {
            String script = "SELECT 'a\nb\nc';\n/* x\ny */\nSELECT 2;";
            assertThat(SQLITE.split(script, "f", 1)).extracting(Statement::line).containsExactly(1, 6);
        }

        @Test
        void readsCrlfInputWithCorrectLinesAndTurnsItsLineEndsIntoLf() {
            String script = "-- head\r\nCREATE TABLE a (x INT);\r\n\r\nINSERT INTO a\r\nVALUES ('1\r\n')\r\n;\r\n";
            List<Statement> statements = SQLITE.split(script, "f", 1);
            assertThat(statements).extracting(Statement::sql)
                    .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a\nVALUES ('1\n')");
            assertThat(statements).extracting(Statement::line).containsExactly(2, 4);
        }

        @Test
        void readsInputWithoutAByteOrderMarkAndSkipsOneIfPresent() {
            assertThat(sqlite("SELECT 1;")).containsExactly("SELECT 1");
            assertThat(sqlite("\uFEFFSELECT 1;")).containsExactly("SELECT 1");
        }

        @Test
        void aStatementWithoutCopyDataIsNotACopy() {
            assertThat(POSTGRES.split("SELECT 1", "f", 1)).singleElement()
                    .satisfies(s -> assertThat(s.isCopy()).isFalse());
        }

        @Test
        void reportsAnUnterminatedStringWithFileLineAndExcerpt() {
            String script = "SELECT 1;\n\nINSERT INTO t VALUES ('abc);\nSELECT 2;";
            GodwitException e = sqliteError(script);
            assertThat(e).hasMessage("V1__x.sql:3: unterminated string literal starting here: 'abc);...");
            assertThat(e.hint()).contains("close the string with '");
            assertThat(postgresError(script)).hasMessageStartingWith("V1__x.sql:3: unterminated string literal");
        }

        @Test
        void reportsAnUnterminatedQuotedIdentifierAtTheLineWhereItStarted() {
            GodwitException e = postgresError("SELECT 1;\nCREATE TABLE \"abc (x INT);\n\n");
            assertThat(e).hasMessageStartingWith("V1__x.sql:2: unterminated quoted identifier starting here: \"abc");
            assertThat(e.hint()).contains("close the identifier with \"");
        }

        @Test
        void reportsAnUnterminatedBlockCommentAtTheLineWhereItStarted() {
            GodwitException e = postgresError("SELECT 1;\n/* never closed;\nSELECT 2;");
            assertThat(e).hasMessageStartingWith("V1__x.sql:2: unterminated block comment starting here: /*");
            assertThat(e.hint()).contains("*/");
        }

        @Test
        void numbersErrorLinesFromTheScriptsFirstLine() {
            assertThatThrownBy(() -> SQLITE.split("\n'x", "V2__y.sql", 40))
                    .hasMessageStartingWith("V2__y.sql:41: unterminated string literal");
        }
    }

    @Nested
    class Sqlite {
        @Test
        void ignoresSemicolonsInsideBracketAndBacktickIdentifiers() {
            assertThat(sqlite("CREATE TABLE [a;b] (`c;``d` INT); SELECT [x]]"))
                    .containsExactly("CREATE TABLE [a;b] (`c;``d` INT)", "SELECT [x]]");
        }

        @Test
        void readsBlobLiteralsAsStrings() {
            assertThat(sqlite("INSERT INTO t VALUES (x'3B', X'00ff');SELECT 1"))
                    .containsExactly("INSERT INTO t VALUES (x'3B', X'00ff')", "SELECT 1");
        }

        @Test
        void treatsABackslashInAStringAsAnOrdinaryCharacter() {
            assertThat(sqlite("SELECT 'C:\\';SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
        }

        @Test
        void keepsATriggerBodyWithItsSemicolonsInOneStatement() {
            String trigger = """
                    CREATE TRIGGER t_ins AFTER INSERT ON t
                    BEGIN
                      INSERT INTO log VALUES ('insert; begin');
                      UPDATE t SET n = n + 1 WHERE id = new.id;
                    END""";
            assertThat(sqlite(trigger + ";\nSELECT 1;")).containsExactly(trigger, "SELECT 1");
        }

        @Test
        void nestsCaseEndInsideATriggerBody() {
            String trigger = "create temp trigger tr before update on t when case when old.a then 1 end begin "
                    + "select case when new.a > 1 then raise(abort, 'big;') else case new.b when 1 then 1 end end; "
                    + "update t set a = case new.a when 0 then 1 end;\nEnD";
            assertThat(sqlite(trigger + ";select 2")).containsExactly(trigger, "select 2");
        }

        @Test
        void recognisesTemporaryTriggersAndTriggersWithIfNotExists() {
            String a = "CREATE TEMPORARY TRIGGER a AFTER DELETE ON t BEGIN DELETE FROM u; DELETE FROM v; END";
            String b = "CREATE TRIGGER IF NOT EXISTS \"b\" AFTER DELETE ON t BEGIN DELETE FROM u; END";
            assertThat(sqlite(a + ";\n" + b + ";")).containsExactly(a, b);
        }

        @Test
        void doesNotTakeKeywordsInsideIdentifiersStringsOrCommentsForBodyWords() {
            String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN "
                    + "UPDATE t SET \"end\" = 'END', [case] = 1, weekend = new.end; /* END; */ -- END;\n"
                    + "INSERT INTO legend VALUES (1); END";
            assertThat(sqlite(trigger + "; SELECT 1")).containsExactly(trigger, "SELECT 1");
        }

        @Test
        void splitsTransactionControlStatementsOutsideTriggers() {
            assertThat(sqlite("BEGIN;\nCREATE TABLE a (x);\nEND;\nBEGIN TRANSACTION;\nSELECT 1;\nCOMMIT\n"))
                    .containsExactly("BEGIN", "CREATE TABLE a (x)", "END", "BEGIN TRANSACTION", "SELECT 1", "COMMIT");
        }

        @Test
        void doesNotTakeCaseOutsideATriggerForABlock() {
            assertThat(sqlite("SELECT CASE WHEN 1 THEN 2 END;SELECT CASE 1 WHEN 1 THEN 2;SELECT 3"))
                    .containsExactly("SELECT CASE WHEN 1 THEN 2 END", "SELECT CASE 1 WHEN 1 THEN 2", "SELECT 3");
        }

        @Test
        void endsTheTriggerBodyOnlyAtAnEndRightAfterASemicolonSoAColumnNamedEndIsAWord() {
            String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET end = 1 WHERE id = new.id;\n"
                    + "  UPDATE t SET n = CASE WHEN end THEN 1 END;\nEND";
            assertThat(sqlite(trigger + ";\nSELECT 1;")).containsExactly(trigger, "SELECT 1");
        }

        @Test
        void readsABlockCommentLeftOpenAsRunningToTheEndOfTheInputAsSqliteDoes() {
            assertThat(sqlite("CREATE TABLE a (x);\nCREATE TABLE b (y) /* never closed;\nSELECT 2;"))
                    .containsExactly("CREATE TABLE a (x)", "CREATE TABLE b (y)");
            assertThat(sqlite("SELECT 1;\n/* never closed")).containsExactly("SELECT 1");
        }

        @Test
        void stillReportsATriggerWhoseBodyAnOpenCommentSwallows() {
            GodwitException e = sqliteError("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; /* END;");
            assertThat(e).hasMessageStartingWith("V1__x.sql:1: BEGIN on this line opens a body that no END closes");
        }

        @Test
        void doesNotNestBlockComments() {
            assertThat(sqlite("/* a /* b */ SELECT 1; */")).containsExactly("SELECT 1", "*/");
        }

        @Test
        void treatsDollarSignsAsParameterMarkers() {
            assertThat(sqlite("SELECT $a; SELECT $$;")).containsExactly("SELECT $a", "SELECT $$");
        }

        @Test
        void reportsATriggerWithoutEndAtTheLineOfItsBegin() {
            GodwitException e = sqliteError("SELECT 1;\nCREATE TRIGGER tr AFTER INSERT ON t\nBEGIN\n"
                    + "  SELECT CASE WHEN 1 THEN 2 END;\n");
            assertThat(e).hasMessage("V1__x.sql:3: BEGIN on this line opens a body that no END closes; the statement: "
                    + "CREATE TRIGGER tr AFTER INSERT ON t...");
            assertThat(e.hint()).contains("END");
        }

        @Test
        void refusesSqliteDotCommands() {
            GodwitException e = sqliteError("SELECT 1;\n  .read other.sql\nSELECT 2;");
            assertThat(e).hasMessage("V1__x.sql:2: sqlite3 meta-command .read is not SQL; "
                    + "Godwit sends statements to the server directly");
        }

        @Test
        void readsCopyAndBackslashesAsOrdinarySql() {
            assertThat(SQLITE.split("SELECT 'a' \\ 1;\nCOPY t FROM stdin;\n1\n", "f", 1))
                    .extracting(Statement::sql).containsExactly("SELECT 'a' \\ 1", "COPY t FROM stdin", "1");
        }
    }

    @Nested
    class Postgres {
        @Test
        void ignoresSemicolonsInsideDollarQuotes() {
            String function = """
                    CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
                    BEGIN
                      RAISE NOTICE 'x;';
                      RETURN 1;
                    END;
                    $$""";
            assertThat(postgres(function + ";\nSELECT f();")).containsExactly(function, "SELECT f()");
        }

        @Test
        void closesATaggedDollarQuoteOnlyWithTheSameTag() {
            String function = "CREATE FUNCTION g() RETURNS text AS $body$ SELECT $$a;$$ || $x$;$x$; $body$ "
                    + "LANGUAGE sql";
            assertThat(postgres(function + "; SELECT 1")).containsExactly(function, "SELECT 1");
        }

        @Test
        void readsDoBlocksAsDollarQuotes() {
            String block = "DO $do$ BEGIN PERFORM 1; END $do$";
            assertThat(postgres(block + ";\nDO $$BEGIN END$$;")).containsExactly(block, "DO $$BEGIN END$$");
        }

        @Test
        void doesNotTakePositionalParametersForDollarQuotes() {
            String prepare = "PREPARE p(int, int) AS SELECT $1 + $2";
            assertThat(postgres(prepare + "; EXECUTE p(1, 2); SELECT $1$;")).containsExactly(prepare,
                    "EXECUTE p(1, 2)", "SELECT $1$");
        }

        @Test
        void takesDollarSignsInsideIdentifiersAsPartOfTheIdentifier() {
            assertThat(postgres("SELECT a$b$ FROM t; SELECT 1")).containsExactly("SELECT a$b$ FROM t", "SELECT 1");
        }

        @Test
        void readsBackslashEscapesOnlyInEscapeStrings() {
            assertThat(postgres("SELECT E'it\\'s; \\\\', e'\\\\';SELECT 'C:\\';SELECT 3"))
                    .containsExactly("SELECT E'it\\'s; \\\\', e'\\\\'", "SELECT 'C:\\'", "SELECT 3");
        }

        @Test
        void doesNotTakeAWordEndingInEForAnEscapeStringPrefix() {
            assertThat(postgres("SELECT name'x\\';SELECT 2")).containsExactly("SELECT name'x\\'", "SELECT 2");
        }

        @Test
        void nestsBlockComments() {
            assertThat(postgres("/* a /* b; */ still comment; */ SELECT 1; /*/**/*/ SELECT 2"))
                    .containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void keepsABeginAtomicBodyInOneStatement() {
            String function = """
                    CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql
                    BEGIN ATOMIC
                      INSERT INTO log VALUES (a);
                      SELECT CASE WHEN a > 0 THEN 1 ELSE CASE a WHEN 0 THEN 0 END END;
                    END""";
            assertThat(postgres(function + ";\nSELECT f(1);")).containsExactly(function, "SELECT f(1)");
        }

        @Test
        void keepsAProcedureBodyWithBeginAndAtomicOnSeparateLinesAndCommentsBetween() {
            String procedure = "CREATE PROCEDURE p() begin -- std\n atomic INSERT INTO t VALUES (1); end";
            assertThat(postgres(procedure + "; CALL p()")).containsExactly(procedure, "CALL p()");
        }

        @Test
        void splitsTransactionControlStatements() {
            assertThat(postgres("BEGIN; SELECT 1; END; START TRANSACTION; COMMIT"))
                    .containsExactly("BEGIN", "SELECT 1", "END", "START TRANSACTION", "COMMIT");
        }

        @Test
        void keepsSemicolonsInsideARuleActionList() {
            String rule = "CREATE OR REPLACE RULE r AS ON INSERT TO t DO ALSO (\n"
                    + "  INSERT INTO a VALUES (new.x);\n  INSERT INTO b VALUES (new.x);\n)";
            assertThat(postgres(rule + ";\nSELECT 1")).containsExactly(rule, "SELECT 1");
        }

        @Test
        void reportsAParenthesisThatIsNeverClosed() {
            GodwitException e = postgresError("SELECT 1;\nSELECT (1;\nSELECT 2;");
            assertThat(e).hasMessage("V1__x.sql:2: unclosed parenthesis starting here: (1;...");
        }

        @Test
        void reportsAnUnterminatedDollarQuoteAtTheLineWhereItStarted() {
            GodwitException e = postgresError("SELECT 1;\nDO $fn$ BEGIN END $$;\n");
            assertThat(e).hasMessage("V1__x.sql:2: unterminated dollar-quoted string starting here: "
                    + "$fn$ BEGIN END $$;");
            assertThat(e.hint()).contains("$fn$");
        }

        @Test
        void reportsAnUnterminatedEscapeStringWithItsPrefix() {
            GodwitException e = postgresError("SELECT E'it\\';\n");
            assertThat(e).hasMessage("V1__x.sql:1: unterminated string literal starting here: E'it\\';");
            assertThat(e.hint()).contains("E'");
        }

        @Test
        void reportsABeginAtomicBodyWithoutEnd() {
            assertThat(postgresError("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC SELECT 1;"))
                    .hasMessageStartingWith("V1__x.sql:2: BEGIN ATOMIC on this line opens a body that no END closes");
        }

        @Test
        void reportsAnUnterminatedNestedComment() {
            GodwitException e = postgresError("SELECT 1;\n/* a /* b */\nSELECT 2;");
            assertThat(e).hasMessageStartingWith("V1__x.sql:2: unterminated block comment");
            assertThat(e.hint()).contains("nest");
        }

        @Test
        void refusesPsqlMetaCommandsAtTheStartOfAStatement() {
            GodwitException e = postgresError("SELECT 1;\n\n\\connect other\nSELECT 2;");
            assertThat(e).hasMessage("V1__x.sql:3: psql meta-command \\connect is not SQL; "
                    + "Godwit sends statements to the server directly");
            assertThat(postgresError("  \\i other.sql")).hasMessageContaining("\\i ");
            assertThat(postgresError("-- vars\n\\set ON_ERROR_STOP on\n")).hasMessageStartingWith("V1__x.sql:2:");
        }

        @Test
        void readsCopyFromStdinData() {
            String script = "COPY t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nSELECT 1;\n";
            List<Statement> statements = POSTGRES.split(script, "f", 1);
            assertThat(statements).extracting(Statement::sql).containsExactly("COPY t (a, b) FROM stdin", "SELECT 1");
            assertThat(statements).extracting(Statement::line).containsExactly(1, 5);
            assertThat(statements.get(0).copyData()).isEqualTo("1\tx;y\n2\t\\N\n");
            assertThat(statements.get(1).isCopy()).isFalse();
        }

        @Test
        void endsACopyAtItsSemicolonWhenItsOptionsFollowOnLaterLinesAsPsqlDoes() {
            String script = "-- data\nCOPY my_table (a, b)\nFROM STDIN\nWITH (FORMAT csv, DELIMITER ';');\n1;2\n\\.\n"
                    + "SELECT 1;\n";
            List<Statement> statements = POSTGRES.split(script, "f", 1);
            assertThat(statements).extracting(Statement::sql).containsExactly(
                    "COPY my_table (a, b)\nFROM STDIN\nWITH (FORMAT csv, DELIMITER ';')", "SELECT 1");
            assertThat(statements).extracting(Statement::line).containsExactly(2, 7);
            assertThat(statements.get(0).copyData()).isEqualTo("1;2\n");
        }

        @Test
        void doesNotEndACopyWithoutSemicolonAtTheEndOfItsLineAsPsqlDoesNot() {
            assertThat(postgres("COPY t FROM stdin\nWITH (FORMAT text)\n;\n1\n\\.\nSELECT 1;"))
                    .containsExactly("COPY t FROM stdin\nWITH (FORMAT text)", "SELECT 1");
        }

        @Test
        void readsCopyDataWithCrlfLineEndsAndEmptyData() {
            String script = "COPY t FROM stdin;\r\na\tb\r\n\\.\r\nCOPY u FROM stdin;\r\n\\.";
            List<Statement> statements = POSTGRES.split(script, "f", 1);
            assertThat(statements).extracting(Statement::copyData).containsExactly("a\tb\n", "");
            assertThat(statements).extracting(Statement::line).containsExactly(1, 4);
        }

        @Test
        void readsCopyToStdoutAsAnOrdinaryStatement() {
            assertThat(postgres("COPY t TO stdout;\nSELECT 1;")).containsExactly("COPY t TO stdout", "SELECT 1");
        }

        @Test
        void reportsCopyDataWithoutEndMarkerAtTheLineOfTheCopy() {
            GodwitException e = postgresError("SELECT 1;\nCOPY t FROM stdin;\n1\n2\n");
            assertThat(e).hasMessageStartingWith("V1__x.sql:2: COPY ... FROM stdin data has no end marker");
            assertThat(e.hint()).contains("\\.");
            assertThat(postgresError("COPY t FROM stdin;")).hasMessageStartingWith("V1__x.sql:1: COPY");
        }

        @Test
        void refusesTextAfterCopyOnTheSameLine() {
            assertThat(postgresError("COPY t FROM stdin; SELECT 1;\n\\.\n"))
                    .hasMessageStartingWith("V1__x.sql:1: text after COPY");
        }
    }
}
