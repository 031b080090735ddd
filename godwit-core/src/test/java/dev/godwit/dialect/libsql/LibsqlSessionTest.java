package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the session reads the servers' errors; the servers themselves are exercised by the CLI ITs. */
class LibsqlSessionTest {
    @Test
    void aDuplicateHistoryKeyIsAConstraintErrorOnBothServers() {
        assertThat(LibsqlSession.isConstraintError(new ServerError(
                "SQLite error: UNIQUE constraint failed: godwit_history.version", "SQLITE_CONSTRAINT"))).isTrue();
        assertThat(LibsqlSession.isConstraintError(new ServerError(
                "UNIQUE constraint failed: godwit_history.version", "BATCH_STEP_ERROR"))).isTrue();
        assertThat(LibsqlSession.isConstraintError(new ServerError("no such table: godwit_history", "SQLITE_ERROR")))
                .isFalse();
    }

    @Test
    void aBeginRefusedBecauseAnotherTransactionHoldsTheDatabaseIsRetried() {
        assertThat(LibsqlSession.isBusy(new ServerError("SQLite error: database is locked", "SQLITE_BUSY"))).isTrue();
        assertThat(LibsqlSession.isBusy(new ServerError("cannot start a transaction within a transaction",
                "BATCH_STEP_ERROR"))).isTrue();
        assertThat(LibsqlSession.isBusy(new ServerError("near \"BEGN\": syntax error", "SQLITE_ERROR"))).isFalse();
    }

    @Test
    void aStatementThatCannotRunInATransactionGetsTheDirectiveAsHint() {
        assertThat(LibsqlSession.hintFor(new ServerError("cannot VACUUM from within a transaction", "")))
                .contains("-- godwit:no-transaction");
        assertThat(LibsqlSession.hintFor(new ServerError("no such table: t", ""))).isEmpty();
    }
}
