package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionalBatchTest {
    private final List<HranaStatement> statements = List.of(
            HranaStatement.of("INSERT INTO history VALUES (?)", 1),
            HranaStatement.of("CREATE TABLE t (x)"),
            HranaStatement.of("INSERT INTO t VALUES (1)"));
    private final TransactionalBatch batch = TransactionalBatch.of(statements);

    @Test
    void chainsEachStatementOnThePreviousStepAndRollsBackOnlyItsOwnTransaction() {
        List<HranaBatch.Step> steps = batch.batch().steps();
        assertThat(steps).hasSize(6);
        assertThat(steps.get(0).statement().sql()).isEqualTo("BEGIN IMMEDIATE");
        assertThat(steps.get(0).condition()).isNull();
        for (int i = 1; i <= 3; i++) {
            assertThat(steps.get(i).statement()).isSameAs(statements.get(i - 1));
            assertThat(steps.get(i).condition()).isEqualTo(BatchCondition.ok(i - 1));
        }
        assertThat(steps.get(4).statement().sql()).isEqualTo("COMMIT");
        assertThat(steps.get(4).condition()).isEqualTo(BatchCondition.ok(3));
        assertThat(steps.get(5).statement().sql()).isEqualTo("ROLLBACK");
        assertThat(steps.get(5).condition()).isEqualTo(
                BatchCondition.and(BatchCondition.ok(0), BatchCondition.not(BatchCondition.ok(4))));
    }

    @Test
    void namesTheFailingStatementByItsIndex() {
        ServerError error = new ServerError("SQLite error: no such table: t", "SQLITE_ERROR");
        TransactionalBatch.Outcome outcome = batch.interpret(result(
                new boolean[] {true, true, true, false, false, true}, 3, error));

        assertThat(outcome.committed()).isFalse();
        assertThat(outcome.failure().statementIndex()).isEqualTo(2);
        assertThat(outcome.failure().statement()).isSameAs(statements.get(2));
        assertThat(outcome.failure().describe())
                .isEqualTo("statement 3 (INSERT INTO t VALUES (1)): SQLite error: no such table: t (SQLITE_ERROR)");
    }

    @Test
    void reportsAFailedBeginOrCommitAsSuch() {
        ServerError busy = new ServerError("database is locked", "SQLITE_BUSY");
        assertThat(batch.interpret(result(new boolean[6], 0, busy)).failure().describe())
                .isEqualTo("BEGIN: database is locked (SQLITE_BUSY)");
        assertThat(batch.interpret(result(new boolean[] {true, true, true, true, false, true}, 4, busy))
                .failure().statementIndex()).isEqualTo(TransactionalBatch.Failure.COMMIT);
    }

    @Test
    void reportsACommit() {
        TransactionalBatch.Outcome outcome = batch.interpret(result(
                new boolean[] {true, true, true, true, true, false}, -1, null));
        assertThat(outcome.committed()).isTrue();
        assertThat(outcome.failure()).isNull();
    }

    private static BatchResult result(boolean[] ok, int failedStep, ServerError error) {
        StatementResult empty = new StatementResult(List.of(), List.of(), 0, null);
        List<StatementResult> results = new ArrayList<>();
        List<ServerError> errors = new ArrayList<>(Arrays.asList(new ServerError[ok.length]));
        for (int i = 0; i < ok.length; i++) {
            results.add(ok[i] ? empty : null);
        }
        if (failedStep >= 0) {
            errors.set(failedStep, error);
        }
        return new BatchResult(results, errors);
    }
}
