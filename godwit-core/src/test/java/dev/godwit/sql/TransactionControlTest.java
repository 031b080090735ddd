package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionControlTest {
    private static final SqlSplitter SQLITE = new SqlSplitter(LexicalRules.SQLITE);
    private static final SqlSplitter POSTGRES = new SqlSplitter(LexicalRules.POSTGRES);

    private static List<String> controlIn(SqlSplitter splitter, String script) {
        return splitter.split(script, "1_x.sql", 1).stream().map(s -> TransactionControl.of(s.sql()))
                .flatMap(java.util.Optional::stream).toList();
    }

    @Test
    void recognisesEveryStatementThatBeginsEndsOrSplitsATransaction() {
        assertThat(controlIn(SQLITE, "BEGIN; begin immediate transaction; COMMIT; end transaction; ROLLBACK;"
                + " rollback to savepoint a; SAVEPOINT a; RELEASE a; START TRANSACTION; ABORT;"))
                .containsExactly("BEGIN", "BEGIN", "COMMIT", "END", "ROLLBACK", "ROLLBACK", "SAVEPOINT", "RELEASE",
                        "START TRANSACTION", "ABORT");
        assertThat(controlIn(POSTGRES, "PREPARE TRANSACTION 'x'; COMMIT PREPARED 'x'; /* c */ Commit; -- x\nend;"))
                .containsExactly("PREPARE TRANSACTION", "COMMIT", "COMMIT", "END");
    }

    @Test
    void theBeginAndEndOfTriggerFunctionAndDoBodiesDoNotCount() {
        assertThat(controlIn(SQLITE, """
                CREATE TRIGGER t AFTER INSERT ON a BEGIN
                  UPDATE a SET x = 1;
                END;
                CREATE TABLE begin_log (x);
                INSERT INTO begin_log VALUES ('COMMIT');
                """)).isEmpty();
        assertThat(controlIn(POSTGRES, """
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
                CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN COMMIT; RETURN 1; END $$;
                PREPARE q AS SELECT 1;
                START_TIME_IS_NOT_A_STATEMENT;
                BEGIN_LOG;
                """)).isEmpty();
    }

    @Test
    void onlyCommitEndAbortPrepareAndAFullRollbackEndTheTransaction() {
        assertThat(List.of("COMMIT", "end", "ABORT", "ROLLBACK", "rollback work", "PREPARE TRANSACTION 'x'"))
                .allMatch(TransactionControl::ends);
        assertThat(List.of("ROLLBACK TO a", "rollback transaction to savepoint a", "SAVEPOINT a", "RELEASE a",
                "BEGIN", "SELECT 1")).noneMatch(TransactionControl::ends);
    }
}
