package dev.godwit.dialect.postgres;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Rehearsal;
import dev.godwit.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rehearsal on the real database inside one transaction that is always rolled back. PostgreSQL's DDL is
 * transactional, so the plan runs for real (schema and history table included) and leaves the catalog and the
 * rows as they were; only sequences that it advanced stay advanced, as PostgreSQL never rolls them back.
 * Each migration runs under a savepoint, as it would run in its own transaction; {@code no-transaction}
 * migrations cannot be rehearsed this way and are refused before anything runs. The advisory lock is taken as in a
 * real run, so a rehearsal waits for a runner and a runner for it.
 */
final class PostgresRehearsal implements Rehearsal {
    private final GodwitConfig config;
    private final PostgresUrl url;

    PostgresRehearsal(GodwitConfig config, PostgresUrl url) {
        this.config = config;
        this.url = url;
    }

    @Override
    public String describe() {
        return "a transaction on PostgreSQL " + url.describe() + " that is rolled back (sequences it advances stay "
                + "advanced: PostgreSQL never rolls them back)";
    }

    @Override
    public boolean runsNoTransaction() {
        return false;
    }

    @Override
    public DatabaseSession open() {
        return new RehearsalSession(config, url);
    }

    @Override
    public void close() {
        // the session's connection ends the transaction; nothing else to throw away
    }

    /** A session whose connection stays in one transaction; per-migration transactions become savepoints. */
    static final class RehearsalSession extends PostgresSession {
        private static final Logger LOG = LoggerFactory.getLogger(RehearsalSession.class);
        private static final String SAVEPOINT = "godwit_rehearsal_step";

        RehearsalSession(GodwitConfig config, PostgresUrl url) {
            super(config, url);
        }

        @Override
        protected Connection connect(boolean create) throws SQLException {
            Connection c = super.connect(create);
            c.setAutoCommit(false);
            return c;
        }

        /** Its migrations' transactions are savepoints, begun and released the general way. */
        @Override
        protected boolean ownsTransactions() {
            return false;
        }

        @Override
        protected void begin(Connection c) throws SQLException {
            run(c, "SAVEPOINT " + SAVEPOINT);
            rememberTransaction(c);
        }

        @Override
        protected void commit(Connection c) throws SQLException {
            run(c, "RELEASE SAVEPOINT " + SAVEPOINT);
        }

        @Override
        protected void rollback(Connection c) {
            try {
                run(c, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                run(c, "RELEASE SAVEPOINT " + SAVEPOINT);
            } catch (SQLException e) {
                LOG.debug("rolling back to the savepoint: {}", e.getMessage());
            }
        }

        @Override
        public void executeAlone(Statement statement, int index) {
            throw new GodwitException(ErrorCode.PLAN_REFUSED, "a rehearsal on PostgreSQL cannot run statements "
                    + "outside its transaction (line " + statement.line() + ")", Actions.DRY_RUN + " to see the SQL");
        }

        /** Ends the rehearsal: everything it did is rolled back. */
        @Override
        public void close() {
            if (isConnected()) {
                try {
                    connection(false).rollback();
                } catch (SQLException e) {
                    LOG.warn("rolling back the rehearsal failed ({}); closing the connection rolls it back",
                            e.getMessage());
                }
            }
            super.close();
        }

        private static void run(Connection c, String sql) throws SQLException {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
