package dev.godwit.takeover;

import dev.godwit.migration.AppliedMigration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code import} would record in Godwit's history for another tool's table, or why it cannot.
 *
 * @param tool     the tool whose table was read
 * @param table    the table as read (qualified where the engine has schemas)
 * @param rows     Godwit history rows, oldest version first, one per migration the tool applied
 * @param problems why the table cannot be taken over (empty when it can), each naming the row and what to do
 * @param hints    the next steps for the problems, without repeats
 * @param notes    what the user should know that does not stop the import (rows left out on purpose, say)
 */
public record ImportPlan(ForeignTool tool, String table, List<AppliedMigration> rows, List<String> problems,
                         List<String> hints, List<String> notes) {
    public ImportPlan {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(table, "table");
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
        hints = List.copyOf(hints);
        notes = List.copyOf(notes);
    }

    /** Whether the table can be taken over as it stands. */
    public boolean isImportable() {
        return problems.isEmpty();
    }
}
