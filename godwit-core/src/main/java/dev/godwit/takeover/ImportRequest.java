package dev.godwit.takeover;

import java.util.Objects;

/**
 * What to import: {@code ImportRequest.from(ForeignTool.FLYWAY).table("my_history").withDryRun(true)}.
 *
 * @param tool   the tool whose tracking table to read
 * @param table  the table's name when it is not the tool's default ({@code null}: the default)
 * @param dryRun only say what would be recorded
 */
public record ImportRequest(ForeignTool tool, String table, boolean dryRun) {
    public ImportRequest {
        Objects.requireNonNull(tool, "tool");
        if (table != null && table.isBlank()) {
            table = null;
        }
    }

    /** Imports {@code tool}'s history from its default table. */
    public static ImportRequest from(ForeignTool tool) {
        return new ImportRequest(tool, null, false);
    }

    /** The same, from the table of that name (the tool was configured with another one). */
    public ImportRequest table(String name) {
        return new ImportRequest(tool, name, dryRun);
    }

    /** The same; with {@code value}, only saying what would be recorded. */
    public ImportRequest withDryRun(boolean value) {
        return new ImportRequest(tool, table, value);
    }
}
