package dev.godwit.sql;

import java.util.Objects;

/**
 * One SQL statement cut out of a script.
 *
 * @param sql      the statement's text, without the terminating semicolon and without leading comments or blanks
 * @param line     1-based line in the file where the statement's first token stands
 * @param copyData for PostgreSQL {@code COPY ... FROM stdin}: the inline data rows up to (not including) the
 *                 terminating {@code \.} line, each line ending in '\n'; {@code null} for every other statement
 */
public record Statement(String sql, int line, String copyData) {
    public Statement {
        Objects.requireNonNull(sql, "sql");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    public Statement(String sql, int line) {
        this(sql, line, null);
    }

    public boolean isCopy() {
        return copyData != null;
    }

    /** The first line of the statement, shortened, for messages. */
    public String excerpt() {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
