package dev.godwit.sql;

import java.util.List;
import java.util.Objects;

/**
 * Cuts a migration script into statements the way the dialect's own client would: a lexer that reads quotes,
 * comments and block bodies as the {@link LexicalRules} describe them, never a plain split on {@code ;}.
 *
 * <p>Each statement comes without its terminating semicolon, without the comments and blanks before it (comments
 * inside it are kept as written) and without trailing blanks. Stretches that hold only comments produce no statement;
 * the last statement needs no semicolon. Line ends are read as the {@code sqlite3} shell and the checksum read them:
 * CRLF becomes LF, also inside string literals, so a file checked out with either line end gives the same
 * statements. A leading byte order mark is skipped. Instances are immutable and may be shared.
 */
public final class SqlSplitter {
    private final LexicalRules rules;

    public SqlSplitter(LexicalRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public LexicalRules rules() {
        return rules;
    }

    /**
     * Cuts a script into statements.
     *
     * @param script     the text
     * @param sourceName file name used in error messages
     * @param firstLine  line number in the file of the script's first line (1-based)
     * @return the statements in order, each with the file line of its first token
     * @throws dev.godwit.GodwitException with {@link dev.godwit.ErrorCode#MIGRATION_FILE} for an unterminated quote,
     *                                    comment or body, a client meta-command, or COPY data without its end marker
     */
    public List<Statement> split(String script, String sourceName, int firstLine) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(sourceName, "sourceName");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be >= 1: " + firstLine);
        }
        return List.copyOf(new ScriptLexer(rules, script, sourceName, firstLine).statements());
    }

    /**
     * Cuts a script read from {@code script} into statements as they are asked for: the same statements as
     * {@link #split}, in memory bounded by the longest statement rather than the script. The caller closes the
     * reader.
     */
    public StatementStream stream(java.io.Reader script, String sourceName, int firstLine) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(sourceName, "sourceName");
        return new StatementStream(new ScriptLexer(rules, new ScriptText(script, sourceName), sourceName,
                firstLine));
    }

    /**
     * Whether {@link #split} would give at least one statement, read without splitting: only the blanks, comments
     * and empty statements before the first token are looked at. A text whose split fails counts as having a
     * statement when anything but those comes first (the split, when it runs, names the problem).
     */
    public boolean hasStatement(String script) {
        int n = script.length();
        int pos = script.startsWith("\uFEFF") ? 1 : 0;
        while (pos < n) {
            char c = script.charAt(pos);
            if (Character.isWhitespace(c) || c == ';') {
                pos++;
            } else if (script.startsWith("--", pos)) {
                int nl = script.indexOf('\n', pos);
                pos = nl < 0 ? n : nl + 1;
            } else if (script.startsWith("/*", pos)) {
                pos = endOfBlockComment(script, pos);
                if (pos < 0) {
                    return !rules.openCommentEndsWithInput();
                }
            } else {
                return true;
            }
        }
        return false;
    }

    /** Where the block comment opening at {@code open} ends (after its {@code *}{@code /}), or -1 if it does not. */
    private int endOfBlockComment(String s, int open) {
        int pos = open;
        int depth = 0;
        do {
            if (pos >= s.length()) {
                return -1;
            }
            if (s.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else if (s.startsWith("/*", pos) && (depth == 0 || rules.nestedComments())) {
                depth++;
                pos += 2;
            } else {
                pos++;
            }
        } while (depth > 0);
        return pos;
    }
}
