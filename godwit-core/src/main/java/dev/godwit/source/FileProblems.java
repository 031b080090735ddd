package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem in a folder of migrations so that the user sees them all at once. */
final class FileProblems {
    private final List<String> messages = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();

    void add(String file, int line, String message, String hint) {
        messages.add(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        if (hint != null && !hint.isBlank() && !hints.contains(hint)) {
            hints.add(hint);
        }
    }

    void add(GodwitException e) {
        messages.add(e.getMessage());
        if (!e.hint().isBlank() && !hints.contains(e.hint())) {
            hints.add(e.hint());
        }
    }

    void throwIfAny(String where) {
        if (messages.isEmpty()) {
            return;
        }
        String head = messages.size() == 1 ? "invalid migration file in " + where + ":\n  "
                : messages.size() + " problems with migration files in " + where + ":\n  ";
        throw new GodwitException(ErrorCode.MIGRATION_FILE, head + String.join("\n  ", messages),
                String.join("; ", hints));
    }
}
