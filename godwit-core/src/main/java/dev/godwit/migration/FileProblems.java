package dev.godwit.migration;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem in a set of migrations (reading the files, then splitting them for a dialect) so that the
 * user sees them all at once.
 */
public final class FileProblems {
    private final List<String> messages = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();

    public FileProblems() {
    }

    /** A copy holding the same problems. */
    public FileProblems copy() {
        FileProblems c = new FileProblems();
        c.messages.addAll(messages);
        c.hints.addAll(hints);
        return c;
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** The problems so far, each naming its file (and line). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void add(String file, int line, String message, String hint) {
        messages.add(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        if (hint != null && !hint.isBlank() && !hints.contains(hint)) {
            hints.add(hint);
        }
    }

    public void add(GodwitException e) {
        messages.add(e.getMessage());
        if (!e.hint().isBlank() && !hints.contains(e.hint())) {
            hints.add(e.hint());
        }
    }

    /** Adds every problem of {@code other}, in order. */
    public void addAll(FileProblems other) {
        messages.addAll(other.messages);
        other.hints.stream().filter(h -> !hints.contains(h)).forEach(hints::add);
    }

    public void throwIfAny(String where) {
        if (messages.isEmpty()) {
            return;
        }
        String head = messages.size() == 1 ? "invalid migration file in " + where + ":\n  "
                : messages.size() + " problems with migration files in " + where + ":\n  ";
        throw new GodwitException(ErrorCode.MIGRATION_FILE, head + String.join("\n  ", messages),
                String.join("; ", hints), messages);
    }
}
