package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the Hrana client must do against every libSQL server; one subclass per server. Each test uses its own
 * tables, so the server runs once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HranaContract {
    private static final AtomicInteger NAMES = new AtomicInteger();

    TestServer server;
    HranaClient client;

    abstract LibsqlServers.Kind kind();

    @BeforeAll
    void startServer() {
        server = LibsqlServers.start(kind());
        client = server.client();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static String table(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    @Test
    void roundTripsEveryValueTypeThroughArgumentsAndRows() {
        String t = table("vals");
        client.execute(HranaStatement.of("CREATE TABLE " + t + " (i INTEGER, f REAL, s TEXT, b BLOB, n)"));
        byte[] blob = {0, 1, 2, (byte) 0xff, 0x7f};
        client.execute(HranaStatement.of("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?)",
                Long.MAX_VALUE, 2.5, "héllo, wörld ✓ \"quoted\"\n", blob, null));
        client.execute(HranaStatement.of("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?)",
                -42, -0.125, "", new byte[0], true));

        StatementResult result = client.query(HranaStatement.of("SELECT i, f, s, b, n FROM " + t + " ORDER BY i DESC"));

        assertThat(result.columns()).containsExactly("i", "f", "s", "b", "n");
        assertThat(result.rows()).hasSize(2);
        List<Object> first = result.rows().get(0);
        assertThat(first.get(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(first.get(1)).isEqualTo(2.5);
        assertThat(first.get(2)).isEqualTo("héllo, wörld ✓ \"quoted\"\n");
        assertThat((byte[]) first.get(3)).containsExactly(blob);
        assertThat(first.get(4)).isNull();
        List<Object> second = result.rows().get(1);
        assertThat(second.get(0)).isEqualTo(-42L);
        assertThat(second.get(1)).isEqualTo(-0.125);
        assertThat(second.get(2)).isEqualTo("");
        assertThat(second.get(4)).isEqualTo(1L);
    }

    @Test
    void decodesLiteralsOfEveryTypeInASelect() {
        StatementResult result = client.query(
                HranaStatement.of("SELECT 7, 1.5, 'x', x'0102', NULL, ?", 9007199254740993L));
        assertThat(result.rows()).hasSize(1);
        List<Object> row = result.rows().get(0);
        assertThat(row.subList(0, 3)).containsExactly(7L, 1.5, "x");
        assertThat((byte[]) row.get(3)).containsExactly(1, 2);
        assertThat(row.get(4)).isNull();
        assertThat(row.get(5)).isEqualTo(9007199254740993L);
    }

    @Test
    void reportsTheServersMessageAndCodeForAFailingStatement() {
        assertThatThrownBy(() -> client.execute(HranaStatement.of("SELECT * FROM no_such_table_here")))
                .isInstanceOfSatisfying(HranaServerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
                    assertThat(e.error().message()).contains("no such table");
                    assertThat(e.error().code()).isNotEmpty();
                    assertThat(e.getMessage()).contains("no such table").contains(server.url());
                });
    }

    @Test
    void evaluatesBatchConditionsOnTheServer() {
        HranaBatch.Builder builder = HranaBatch.builder();
        int ok = builder.add(HranaStatement.of("SELECT 1"));
        int bad = builder.add(HranaStatement.of("SELECT no_such_column"));
        int onError = builder.add(HranaStatement.of("SELECT 'ran on error'"), BatchCondition.error(bad));
        int onOk = builder.add(HranaStatement.of("SELECT 'ran on ok'"), BatchCondition.ok(bad));
        int notOk = builder.add(HranaStatement.of("SELECT 'not'"), BatchCondition.not(BatchCondition.ok(bad)));
        int and = builder.add(HranaStatement.of("SELECT 'and'"),
                BatchCondition.and(BatchCondition.ok(ok), BatchCondition.ok(bad)));
        int or = builder.add(HranaStatement.of("SELECT 'or'"),
                BatchCondition.or(BatchCondition.ok(ok), BatchCondition.ok(bad)));
        int autocommit = builder.add(HranaStatement.of("SELECT 'autocommit'"), BatchCondition.isAutocommit());

        BatchResult result = client.batch(builder.build());

        assertThat(result.succeeded(ok)).isTrue();
        assertThat(result.failed(bad)).isTrue();
        assertThat(result.stepErrors().get(bad).message()).contains("no_such_column");
        assertThat(result.succeeded(onError)).isTrue();
        assertThat(result.skipped(onOk)).isTrue();
        assertThat(result.succeeded(notOk)).isTrue();
        assertThat(result.skipped(and)).isTrue();
        assertThat(result.succeeded(or)).isTrue();
        assertThat(result.succeeded(autocommit)).isTrue();
        assertThat(result.stepResults().get(onError).singleValue()).isEqualTo("ran on error");
        assertThat(result.firstError()).hasValue(bad);
    }

    @Test
    void appliesAllStatementsOfATransactionalBatch() {
        String history = createHistoryTable();
        String t = table("applied");
        TransactionalBatch batch = TransactionalBatch.of(List.of(
                historyInsert(history, 1),
                HranaStatement.of("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT)"),
                HranaStatement.of("INSERT INTO " + t + " (name) VALUES (?)", "a"),
                HranaStatement.of("INSERT INTO " + t + " (name) VALUES (?)", "b")));

        TransactionalBatch.Outcome outcome = batch.run(client);

        assertThat(outcome.committed()).isTrue();
        assertThat(count(t)).isEqualTo(2);
        assertThat(count(history)).isEqualTo(1);
    }

    @Test
    void leavesNothingBehindWhenTheThirdStatementFails() {
        String history = createHistoryTable();
        String t = table("partial");
        List<HranaStatement> statements = List.of(
                historyInsert(history, 1),
                HranaStatement.of("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT)"),
                HranaStatement.of("INSERT INTO " + t + " (name) VALUES ('kept?')"),
                HranaStatement.of("INSERT INTO missing_table_" + t + " VALUES (1)"),
                HranaStatement.of("INSERT INTO " + t + " (name) VALUES ('never')"));

        TransactionalBatch.Outcome outcome = TransactionalBatch.of(statements).run(client);

        assertThat(outcome.committed()).isFalse();
        assertThat(outcome.failure().statementIndex()).isEqualTo(3);
        assertThat(outcome.failure().statement()).isSameAs(statements.get(3));
        assertThat(outcome.failure().error().message()).contains("missing_table_" + t);
        assertThat(outcome.failure().describe()).startsWith("statement 4 (INSERT INTO missing_table_");
        assertThat(tableExists(t)).isFalse();
        assertThat(count(history)).isZero();
        // The connection is usable and in autocommit mode afterwards: nothing was left open.
        assertThat(client.query(HranaStatement.of("SELECT 1")).singleValue()).isEqualTo(1L);
        assertThat(TransactionalBatch.of(List.of(historyInsert(history, 2))).run(client).committed()).isTrue();
    }

    @Test
    void reportsAConstraintViolationWithTheServersMessage() {
        String history = createHistoryTable();
        assertThat(TransactionalBatch.of(List.of(historyInsert(history, 1))).run(client).committed()).isTrue();

        TransactionalBatch.Outcome again = TransactionalBatch.of(List.of(historyInsert(history, 1))).run(client);

        assertThat(again.committed()).isFalse();
        assertThat(again.failure().statementIndex()).isZero();
        assertThat(again.failure().error().message()).containsIgnoringCase("UNIQUE constraint failed");
    }

    @Test
    void appliesAMigrationExactlyOnceWhenTwoRunnersRaceForIt() throws Exception {
        String history = createHistoryTable();
        // Two clients with their own HTTP connections, as two runner processes would have.
        HranaClient runnerA = server.client();
        HranaClient runnerB = server.client();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int version = 1; version <= 5; version++) {
                String a = table("race_a");
                String b = table("race_b");
                CountDownLatch start = new CountDownLatch(1);
                Future<TransactionalBatch.Outcome> first = pool.submit(
                        runner(runnerA, start, history, version, a));
                Future<TransactionalBatch.Outcome> second = pool.submit(
                        runner(runnerB, start, history, version, b));
                start.countDown();
                TransactionalBatch.Outcome outcomeA = first.get();
                TransactionalBatch.Outcome outcomeB = second.get();

                assertThat(outcomeA.committed() ^ outcomeB.committed())
                        .as("exactly one runner commits version %d: %s / %s", version, outcomeA, outcomeB)
                        .isTrue();
                assertThat(tableExists(a)).isEqualTo(outcomeA.committed());
                assertThat(tableExists(b)).isEqualTo(outcomeB.committed());
                TransactionalBatch.Outcome loser = outcomeA.committed() ? outcomeB : outcomeA;
                // Measured: both servers make the loser wait for the write lock and then fail on the history key.
                assertThat(loser.failure().statementIndex()).isIn(0, TransactionalBatch.Failure.BEGIN);
                assertThat(loser.failure().error().message()).containsAnyOf("UNIQUE", "locked", "busy", "BUSY");
            }
            assertThat(count(history)).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void appliesThousandsOfStatementsInOneBatch() {
        String history = createHistoryTable();
        String t = table("large");
        int rows = 5000;
        List<HranaStatement> statements = new ArrayList<>();
        statements.add(historyInsert(history, 1));
        statements.add(HranaStatement.of("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"));
        for (int i = 0; i < rows; i++) {
            statements.add(HranaStatement.of("INSERT INTO " + t + " (id, payload) VALUES (" + i + ", 'row number "
                    + i + " with some padding to look like a real statement')"));
        }
        TransactionalBatch batch = TransactionalBatch.of(statements);
        assertThat(client.requestBytes(batch.batch())).isLessThan(client.maxRequestBytes());

        TransactionalBatch.Outcome outcome = batch.run(client);

        assertThat(outcome.committed()).isTrue();
        assertThat(count(t)).isEqualTo(rows);
    }

    @Test
    void refusesARequestAboveTheLimitBeforeSendingIt() {
        String t = table("too_large");
        HranaClient small = HranaClient.connect(server.url(), null,
                HranaClient.Options.defaults().withMaxRequestBytes(16 * 1024));
        List<HranaStatement> statements = new ArrayList<>();
        statements.add(HranaStatement.of("CREATE TABLE " + t + " (x TEXT)"));
        for (int i = 0; i < 500; i++) {
            statements.add(HranaStatement.of("INSERT INTO " + t + " VALUES ('" + "y".repeat(40) + "')"));
        }
        TransactionalBatch batch = TransactionalBatch.of(statements);
        assertThat(small.requestBytes(batch.batch())).isGreaterThan(small.maxRequestBytes());

        assertThatThrownBy(() -> batch.run(small))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED);
                    assertThat(e.getMessage()).contains("nothing was sent");
                });
        assertThat(tableExists(t)).isFalse();
    }

    @Test
    void runsTheSameClientFromManyThreads() throws Exception {
        String t = table("threads");
        client.execute(HranaStatement.of("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int id = i;
                futures.add(pool.submit(() -> client.execute(HranaStatement.of("INSERT INTO " + t + " VALUES (?)", id))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(t)).isEqualTo(200);
    }

    private static Callable<TransactionalBatch.Outcome> runner(HranaClient client, CountDownLatch start,
                                                               String history, int version, String table) {
        return () -> {
            start.await();
            return TransactionalBatch.of(List.of(
                    historyInsert(history, version),
                    HranaStatement.of("CREATE TABLE " + table + " (x INTEGER)"),
                    HranaStatement.of("INSERT INTO " + table + " VALUES (1)"))).run(client);
        };
    }

    String createHistoryTable() {
        String history = table("history");
        client.execute(HranaStatement.of("CREATE TABLE " + history
                + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
        return history;
    }

    static HranaStatement historyInsert(String history, int version) {
        return HranaStatement.of("INSERT INTO " + history + " (version, description, applied_at) VALUES (?, ?, ?)",
                version, "migration " + version, "2025-01-01T00:00:00Z");
    }

    long count(String table) {
        return (Long) client.query(HranaStatement.of("SELECT count(*) FROM " + table)).singleValue();
    }

    boolean tableExists(String table) {
        return (Long) client.query(HranaStatement.of(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table)).singleValue() == 1L;
    }
}
