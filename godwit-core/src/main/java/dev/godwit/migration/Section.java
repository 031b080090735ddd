package dev.godwit.migration;

import dev.godwit.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One direction of a migration split for a dialect: its SQL text as written, where it stands, and the statements
 * cut out of it.
 *
 * @param file       file name relative to the migrations folder
 * @param firstLine  line in that file where the section's text begins
 * @param sql        the section's text
 * @param statements the statements, with line numbers in the file
 * @param directives switches found in the section's leading comments
 * @param java       for a Java migration, its body (then {@code sql} is its fingerprint and there are no
 *                   statements); {@code null} for SQL
 */
public record Section(String file, int firstLine, String sql, List<Statement> statements, Directives directives,
                      JavaBody java) {
    public Section {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sql, "sql");
        statements = List.copyOf(statements);
        Objects.requireNonNull(directives, "directives");
    }

    /** A SQL section. */
    public Section(String file, int firstLine, String sql, List<Statement> statements, Directives directives) {
        this(file, firstLine, sql, statements, directives, null);
    }

    /** The body's text split into {@code statements}. */
    public static Section of(SqlBody body, List<Statement> statements) {
        return new Section(body.file(), body.firstLine(), body.text(), statements, body.directives());
    }

    /** A Java migration's section: nothing to split. */
    public static Section of(JavaBody body) {
        return new Section(body.file(), 1, body.fingerprint(), List.of(), body.directives(), body);
    }

    /** The body this section was made from. */
    public MigrationBody body() {
        return java != null ? java : new SqlBody(file, Math.max(1, firstLine), sql, directives);
    }

    /** Whether there is nothing to run: no statement, and no Java code. */
    public boolean isEmpty() {
        return java == null && statements.isEmpty();
    }
}
