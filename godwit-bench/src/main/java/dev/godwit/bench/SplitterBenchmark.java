package dev.godwit.bench;

import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import dev.godwit.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** JMH: how fast the lexer cuts a 1,000-migration workload (3,000 statements, ~150 KB) into statements. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SplitterBenchmark {
    private String script;
    private SqlSplitter sqlite;
    private SqlSplitter postgres;

    @Setup
    public void setUp() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            b.append("-- migration ").append(i).append('\n').append(Workload.up(i)).append('\n');
        }
        script = b.toString();
        sqlite = new SqlSplitter(LexicalRules.SQLITE);
        postgres = new SqlSplitter(LexicalRules.POSTGRES);
    }

    @Benchmark
    public List<Statement> splitSqlite() {
        return sqlite.split(script, "bench.sql", 1);
    }

    @Benchmark
    public List<Statement> splitPostgres() {
        return postgres.split(script, "bench.sql", 1);
    }
}
