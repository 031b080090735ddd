package dev.godwit.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of one statement that the splitter cut out, for the rules to read: comments dropped, string literals
 * and dollar-quoted bodies kept as single tokens (so a word inside them never counts), quoted identifiers unquoted.
 * It reads no further than a statement: where a statement ends is the splitter's business.
 */
final class Tokens {
    enum Kind { WORD, IDENTIFIER, STRING, NUMBER, SYMBOL }

    record Token(String text, Kind kind) {
        /** The text in upper case for words, as written otherwise. */
        String upper() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        /** As a name: unquoted words fold to lower case (PostgreSQL and SQLite compare them so). */
        String name() {
            return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
        }

        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.IDENTIFIER;
        }
    }

    private final List<Token> list;

    private Tokens(List<Token> list) {
        this.list = list;
    }

    static Tokens of(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                int j = i + 1;
                StringBuilder b = new StringBuilder();
                while (j < n) {
                    if (sql.charAt(j) == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
                        b.append('\'');
                        j += 2;
                    } else if (sql.charAt(j) == '\'') {
                        break;
                    } else {
                        b.append(sql.charAt(j++));
                    }
                }
                out.add(new Token(b.toString(), Kind.STRING));
                i = j + 1;
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = sql.indexOf(close, i + 1);
                end = end < 0 ? n : end;
                out.add(new Token(sql.substring(i + 1, end), Kind.IDENTIFIER));
                i = end + 1;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int end = sql.indexOf(tag, tagEnd);
                end = end < 0 ? n : end;
                out.add(new Token(sql.substring(tagEnd, end), Kind.STRING));
                i = Math.min(n, end + tag.length());
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(sql.substring(i, j), Kind.WORD));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(sql.substring(i, j), Kind.NUMBER));
                i = j;
            } else {
                out.add(new Token(String.valueOf(c), Kind.SYMBOL));
                i++;
            }
        }
        return new Tokens(List.copyOf(out));
    }

    /** For {@code $$} or {@code $tag$} at {@code i}: the index after the closing {@code $}; else -1. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        boolean tagOk = j == i + 1 || !Character.isDigit(sql.charAt(i + 1));
        return j < sql.length() && sql.charAt(j) == '$' && tagOk ? j + 1 : -1;
    }

    int size() {
        return list.size();
    }

    Token get(int i) {
        return i < list.size() ? list.get(i) : new Token("", Kind.SYMBOL);
    }

    boolean is(int i, String word) {
        return get(i).is(word);
    }

    /** Whether the words stand in order from {@code i}. */
    boolean are(int i, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!is(i + k, words[k])) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first of {@code words} at or after {@code from}, outside parentheses; -1 when absent. */
    int find(int from, String... words) {
        int depth = 0;
        for (int i = from; i < list.size(); i++) {
            Token t = list.get(i);
            if (t.text().equals("(") && t.kind() == Kind.SYMBOL) {
                depth++;
            } else if (t.text().equals(")") && t.kind() == Kind.SYMBOL) {
                depth--;
            } else if (depth == 0 && are(i, words)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the word appears anywhere (also inside parentheses), outside strings and comments. */
    boolean contains(String word) {
        return list.stream().anyMatch(t -> t.is(word) || t.kind() == Kind.IDENTIFIER && t.text().equals(word));
    }

    /**
     * A possibly qualified name at {@code i} ({@code s.t}, {@code "s"."t"}): returns the index after it and puts
     * the last part, as a name, in {@code into[0]}.
     */
    int name(int i, String[] into) {
        if (!get(i).isName()) {
            into[0] = "";
            return i;
        }
        int j = i;
        while (get(j + 1).text().equals(".") && get(j + 1).kind() == Kind.SYMBOL && get(j + 2).isName()) {
            j += 2;
        }
        into[0] = get(j).name();
        return j + 1;
    }

    /** The tokens from {@code from} to the end, cut at commas outside parentheses. */
    List<Tokens> splitOnCommas(int from) {
        List<Tokens> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < list.size(); i++) {
            Token t = list.get(i);
            if (t.kind() == Kind.SYMBOL && t.text().equals("(")) {
                depth++;
            } else if (t.kind() == Kind.SYMBOL && t.text().equals(")")) {
                depth--;
            } else if (depth == 0 && t.kind() == Kind.SYMBOL && t.text().equals(",")) {
                parts.add(new Tokens(List.copyOf(current)));
                current.clear();
                continue;
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            parts.add(new Tokens(List.copyOf(current)));
        }
        return parts;
    }

    /** The names inside the first parenthesised list at or after {@code from} (an index's columns). */
    List<String> namesInParentheses(int from) {
        List<String> names = new ArrayList<>();
        int open = -1;
        for (int i = from; i < list.size(); i++) {
            if (list.get(i).kind() == Kind.SYMBOL && list.get(i).text().equals("(")) {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return names;
        }
        int depth = 0;
        for (int i = open; i < list.size(); i++) {
            Token t = list.get(i);
            if (t.kind() == Kind.SYMBOL && t.text().equals("(")) {
                depth++;
            } else if (t.kind() == Kind.SYMBOL && t.text().equals(")")) {
                if (--depth == 0) {
                    break;
                }
            } else if (t.isName()) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** Every name in the statement (for "does this view or trigger use column c"). */
    List<String> names() {
        return list.stream().filter(Token::isName).map(Token::name).toList();
    }
}
