package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;

/** Placeholder splitter; the lexer replaces it. */
public final class SqlSplitter {
    private final LexicalRules rules;

    public SqlSplitter(LexicalRules rules) {
        this.rules = rules;
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
     */
    public List<Statement> split(String script, String sourceName, int firstLine) {
        List<Statement> out = new ArrayList<>();
        int line = firstLine;
        for (String part : script.split(";")) {
            String t = part.strip();
            int lead = (int) part.substring(0, part.indexOf(t.isEmpty() ? part : t)).lines().count();
            if (!t.isEmpty()) {
                out.add(new Statement(t, line + Math.max(0, lead - 1)));
            }
            line += (int) part.chars().filter(c -> c == '\n').count();
        }
        return out;
    }
}
