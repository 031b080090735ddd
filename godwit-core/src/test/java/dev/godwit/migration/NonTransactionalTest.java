package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.GodwitException;
import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonTransactionalTest {
    private final SqlSplitter postgres = new SqlSplitter(LexicalRules.POSTGRES);

    private static MigrationSet flyway(String file, String text) {
        SqlBody body = new SqlBody(file, 1, text, Directives.DETECT_NO_TRANSACTION);
        return new MigrationSet("test", List.of(new Migration(Version.parse("1"), "x", file, body, null,
                Checksum.of(text))), new FileProblems());
    }

    @Test
    void aMigrationMadeOnlyOfStatementsThatCannotRunInATransactionRunsWithoutOne() {
        List<PreparedMigration> prepared = flyway("V1__idx.sql",
                "-- concurrently\nCREATE INDEX CONCURRENTLY a ON t (a);\nDROP INDEX CONCURRENTLY b;\n")
                .prepare(postgres, w -> { });

        assertThat(prepared.get(0).up().directives().noTransaction()).isTrue();
    }

    @Test
    void anOrdinaryMigrationKeepsItsTransaction() {
        List<PreparedMigration> prepared = flyway("V1__t.sql", "CREATE TABLE t (a int);\nCREATE INDEX a ON t (a);\n")
                .prepare(postgres, w -> { });

        assertThat(prepared.get(0).up().directives().noTransaction()).isFalse();
    }

    @Test
    void aMigrationMixingBothIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> flyway("V1__mixed.sql",
                "CREATE TABLE t (a int);\n\nCREATE INDEX CONCURRENTLY a ON t (a);\n").prepare(postgres, w -> { }))
                .isInstanceOf(GodwitException.class)
                .hasMessageContaining("V1__mixed.sql:3: line 3 cannot run in a transaction, but line 1 is a statement");
    }

    @Test
    void vacuumIsKnownAndCommentsBeforeAStatementDoNotHideIt() {
        assertThat(NonTransactional.needsNoTransaction("/* tidy */ -- up\nVACUUM")).isTrue();
        assertThat(NonTransactional.needsNoTransaction("REINDEX INDEX CONCURRENTLY a")).isTrue();
        assertThat(NonTransactional.needsNoTransaction("CREATE INDEX a ON t (a)")).isFalse();
        assertThat(NonTransactional.needsNoTransaction("ALTER TYPE mood ADD VALUE 'ok'")).isFalse();
    }
}
