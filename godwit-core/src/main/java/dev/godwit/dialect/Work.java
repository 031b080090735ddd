package dev.godwit.dialect;

import dev.godwit.sql.Statement;
import java.util.List;

/**
 * What a {@link Change} does inside its transaction, between the re-check of history and the history write: SQL
 * statements, or code given the connection (a Java migration), under the same re-check and rollback
 * guarantees. Engines that cannot run code in their transaction ({@link DatabaseSession#runsCode()}) refuse
 * a plan with any before it changes anything.
 */
public sealed interface Work permits Work.Statements, Work.Stream, Work.Code {
    /** SQL statements, run in order. */
    record Statements(List<Statement> statements) implements Work {
        public Statements {
            statements = List.copyOf(statements);
        }
    }

    /**
     * The statements of a section too large to hold in memory, cut from its file as they run
     * ({@link dev.godwit.migration.Section#stream()}); a problem found late in the file rolls the change back.
     *
     * @param section the section
     * @param onEach  told of each statement just before it runs (progress, events)
     */
    record Stream(dev.godwit.migration.Section section,
                  java.util.function.BiConsumer<dev.godwit.sql.Statement, dev.godwit.migration.SectionStream> onEach)
            implements Work {
        public Stream {
            java.util.Objects.requireNonNull(section, "section");
            java.util.Objects.requireNonNull(onEach, "onEach");
        }
    }

    /**
     * Code run on the session's JDBC connection inside the transaction.
     *
     * @param name   what runs, for messages (the Java migration's class)
     * @param action the code
     */
    record Code(String name, Action action) implements Work {
        public Code {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(action, "action");
        }
    }

    /** Code given a JDBC connection inside a transaction it must not end. */
    @FunctionalInterface
    interface Action {
        /** Does the work; any exception rolls the transaction back. */
        void run(java.sql.Connection connection) throws Exception;
    }
}
