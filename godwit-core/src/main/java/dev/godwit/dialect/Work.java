package dev.godwit.dialect;

import dev.godwit.sql.Statement;
import java.util.List;

/**
 * What a {@link Change} does inside its transaction, between the re-check of history and the history write: SQL
 * statements today; a callback (a Java migration) joins this hierarchy with the embedding issue, under the same
 * re-check and rollback guarantees.
 */
public sealed interface Work permits Work.Statements {
    /** SQL statements, run in order. */
    record Statements(List<Statement> statements) implements Work {
        public Statements {
            statements = List.copyOf(statements);
        }
    }
}
