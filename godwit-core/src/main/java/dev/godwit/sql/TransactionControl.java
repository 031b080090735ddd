package dev.godwit.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the top-level statements that begin, end or split a transaction: {@code BEGIN}, {@code COMMIT},
 * {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code START TRANSACTION}, {@code SAVEPOINT}, {@code RELEASE} and
 * PostgreSQL's {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}. The same words on
 * SQLite, libSQL and PostgreSQL. Only a statement's first words count, so the {@code BEGIN ... END} of a trigger
 * body, PostgreSQL's {@code BEGIN ATOMIC} and the blocks of {@code DO} or function bodies (all inside one statement
 * that the splitter keeps whole) are never mistaken for it.
 */
public final class TransactionControl {
    private static final Pattern FIRST_WORDS = Pattern.compile(
            "^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*([A-Za-z]+)(?![\\w$])(?:(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)+([A-Za-z]+))?",
            Pattern.DOTALL);

    private TransactionControl() {
    }

    /**
     * Whether the statement ends the transaction it runs in: COMMIT, END, ABORT, ROLLBACK (not ROLLBACK TO a
     * savepoint) and PREPARE TRANSACTION.
     */
    public static boolean ends(String sql) {
        String words = of(sql).orElse("");
        if (words.equals("ROLLBACK")) {
            return !Pattern.compile("^\\s*ROLLBACK\\s+(TRANSACTION\\s+|WORK\\s+)?TO\\b",
                    Pattern.CASE_INSENSITIVE).matcher(sql).find();
        }
        return words.equals("COMMIT") || words.equals("END") || words.equals("ABORT")
                || words.equals("PREPARE TRANSACTION");
    }

    /** The statement's transaction-control words (e.g. "COMMIT", "START TRANSACTION"); empty for any other. */
    public static Optional<String> of(String sql) {
        return mayControl(sql) ? byPattern(sql) : Optional.empty();
    }

    /** {@link #of} by the pattern alone (package-private for the property that compares the two). */
    static Optional<String> byPattern(String sql) {
        Matcher m = FIRST_WORDS.matcher(sql);
        if (!m.find()) {
            return Optional.empty();
        }
        String first = m.group(1).toUpperCase(Locale.ROOT);
        String second = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" -> Optional.of(first);
            case "START", "PREPARE" -> second.equals("TRANSACTION") ? Optional.of(first + " TRANSACTION")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * False when the statement's first word is plainly none of the words above (the common case, checked without
     * the pattern); true when the pattern must decide. Where the statement starts, after blanks, with an ASCII letter,
     * the pattern's first word is that run of letters or there is no match.
     */
    private static boolean mayControl(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n && isPatternSpace(sql.charAt(i))) {
            i++;
        }
        int begin = i;
        while (i < n && isAsciiLetter(sql.charAt(i))) {
            i++;
        }
        if (i == begin) {
            return true; // a comment or anything else first: the pattern decides
        }
        return switch (sql.substring(begin, i).toUpperCase(Locale.ROOT)) {
            case "BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "START", "PREPARE" -> true;
            default -> false;
        };
    }

    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
