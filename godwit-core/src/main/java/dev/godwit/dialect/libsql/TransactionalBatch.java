package dev.godwit.dialect.libsql;

import java.util.List;
import java.util.Objects;

/**
 * Statements that must apply all or nothing, as one Hrana batch (one request, so no transaction outlives it):
 *
 * <pre>
 *   0      BEGIN IMMEDIATE
 *   1..n   each statement                      if the step before it succeeded
 *   n+1    COMMIT                              if statement n succeeded
 *   n+2    ROLLBACK                            if BEGIN succeeded and COMMIT did not
 * </pre>
 *
 * <p>For a migration, the first statement is the insert of its history row: a concurrent runner applying the
 * same version then fails on the key and its whole batch rolls back, so each migration applies exactly once.
 *
 * <p>ROLLBACK also requires that this batch's BEGIN succeeded: tursodb serves every request on one shared
 * connection, and a BEGIN that failed because another transaction was open must not roll that one back.
 * {@code BEGIN IMMEDIATE} takes the write lock up front, so a runner waits for the lock rather than failing later
 * with a stale snapshot.
 */
final class TransactionalBatch {
    static final String BEGIN = "BEGIN IMMEDIATE";

    private final List<HranaStatement> statements;
    private final HranaBatch batch;
    private final int commitStep;
    private final int rollbackStep;

    private TransactionalBatch(List<HranaStatement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a transactional batch needs at least one statement");
        }
        this.statements = List.copyOf(statements);
        HranaBatch.Builder builder = HranaBatch.builder();
        int begin = builder.add(HranaStatement.of(BEGIN));
        for (HranaStatement statement : this.statements) {
            builder.add(statement, BatchCondition.ok(builder.last()));
        }
        commitStep = builder.add(HranaStatement.of("COMMIT"), BatchCondition.ok(builder.last()));
        rollbackStep = builder.add(HranaStatement.of("ROLLBACK"),
                BatchCondition.and(BatchCondition.ok(begin), BatchCondition.not(BatchCondition.ok(commitStep))));
        batch = builder.build();
    }

    static TransactionalBatch of(List<HranaStatement> statements) {
        return new TransactionalBatch(statements);
    }

    HranaBatch batch() {
        return batch;
    }

    List<HranaStatement> statements() {
        return statements;
    }

    /** Sends the batch in one request and says whether it committed and, if not, which statement failed. */
    Outcome run(HranaClient client) {
        return interpret(client.batch(batch));
    }

    /** Reads the server's per-step results back into statements. */
    Outcome interpret(BatchResult result) {
        if (result.size() != batch.size()) {
            throw new IllegalArgumentException(
                    "the result has " + result.size() + " steps, the batch " + batch.size());
        }
        ServerError rollbackError = result.stepErrors().get(rollbackStep);
        if (result.failed(0)) {
            return Outcome.failed(new Failure(Failure.BEGIN, batch.steps().get(0).statement(),
                    result.stepErrors().get(0)), rollbackError);
        }
        for (int i = 0; i < statements.size(); i++) {
            ServerError error = result.stepErrors().get(i + 1);
            if (error != null) {
                return Outcome.failed(new Failure(i, statements.get(i), error), rollbackError);
            }
        }
        if (result.failed(commitStep)) {
            return Outcome.failed(new Failure(Failure.COMMIT, batch.steps().get(commitStep).statement(),
                    result.stepErrors().get(commitStep)), rollbackError);
        }
        if (result.succeeded(commitStep)) {
            return new Outcome(true, null, null);
        }
        // Every step reported neither result nor error, which a conforming server does not do.
        return Outcome.failed(new Failure(Failure.COMMIT, batch.steps().get(commitStep).statement(),
                new ServerError("the server skipped COMMIT without reporting an error", "")), rollbackError);
    }

    /**
     * How the batch ended.
     *
     * @param committed     all statements applied
     * @param failure       the first step that failed, {@code null} when committed
     * @param rollbackError an error from the ROLLBACK step, usually because SQLite had already rolled back
     */
    record Outcome(boolean committed, Failure failure, ServerError rollbackError) {
        Outcome {
            if (committed != (failure == null)) {
                throw new IllegalArgumentException("a failure is given exactly when not committed");
            }
        }

        static Outcome failed(Failure failure, ServerError rollbackError) {
            return new Outcome(false, failure, rollbackError);
        }
    }

    /**
     * The step that failed.
     *
     * @param statementIndex 0-based index into the statements given, or {@link #BEGIN} / {@link #COMMIT}
     * @param statement      the statement the server refused
     * @param error          the server's message and code
     */
    record Failure(int statementIndex, HranaStatement statement, ServerError error) {
        static final int BEGIN = -1;
        static final int COMMIT = -2;

        Failure {
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(error, "error");
        }

        /** e.g. {@code statement 3 (CREATE TABLE t (...)): SQLite error: ... (SQLITE_ERROR)}. */
        String describe() {
            String where = switch (statementIndex) {
                case BEGIN -> "BEGIN";
                case COMMIT -> "COMMIT";
                default -> "statement " + (statementIndex + 1) + " (" + statement.excerpt() + ")";
            };
            return where + ": " + error;
        }
    }
}
