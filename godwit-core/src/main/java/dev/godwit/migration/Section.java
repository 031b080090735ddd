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
 */
public record Section(String file, int firstLine, String sql, List<Statement> statements, Directives directives) {
    public Section {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sql, "sql");
        statements = List.copyOf(statements);
        Objects.requireNonNull(directives, "directives");
    }

    /** The body's text split into {@code statements}. */
    public static Section of(SqlBody body, List<Statement> statements) {
        return new Section(body.file(), body.firstLine(), body.text(), statements, body.directives());
    }

    /** The text this section was split from. */
    public SqlBody body() {
        return new SqlBody(file, Math.max(1, firstLine), sql, directives);
    }
}
