package dev.godwit.sql;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass over one script: a character-level state machine that skips quotes and comments, tracks block bodies and
 * parentheses, and cuts a statement at each semicolon that is left. Used once, by {@link SqlSplitter}.
 */
final class ScriptLexer {
    private static final int EXCERPT_LENGTH = 40;
    /** How many of a statement's first tokens are kept to recognise block bodies and COPY. */
    private static final int LEADING_TOKENS = 4;

    private final LexicalRules rules;
    private final ScriptText src;
    private final String sourceName;
    private final List<Statement> statements = new ArrayList<>();
    /** Whether statements whose first tokens can no longer open a body or a COPY are skimmed (see {@link #skim}). */
    private final boolean skimming;
    /** What each ASCII character is to {@link #skim}: one of the {@code SKIM_} kinds. */
    private final byte[] asciiKinds;

    private int pos;
    private int line;

    // The statement being read; start is -1 until its first token.
    private int start = -1;
    private int startLine;
    private final List<String> leading = new ArrayList<>();
    private final List<String> recent = new ArrayList<>();
    private int blockDepth;
    private int blockLine;
    private LexicalRules.BlockBody blockBody;
    private int parenDepth;
    private int parenLine;
    private int parenPos;
    private boolean copyFromStdin;
    /** Where a block comment that runs to the end of the input opens (where the input's SQL ends), or -1. */
    private int openCommentAt = -1;
    private boolean finished;
    /**
     * False once the current statement's first tokens show that no later token can open a block body or make it a
     * COPY: from then on its tokens need not be recorded, only skipped.
     */
    private boolean tokensMatter = true;

    private static final byte SKIM_STOP = 0;
    private static final byte SKIM_SPACE = 1;
    private static final byte SKIM_NEWLINE = 2;
    private static final byte SKIM_WORD = 3;
    private static final byte SKIM_QUOTE = 4;
    private static final byte SKIM_OPEN = 5;
    private static final byte SKIM_CLOSE = 6;
    private static final byte SKIM_OTHER = 7;
    /** ASCII characters that continue a word ({@link #isWordPart}); every character from 0x80 on does too. */
    private static final boolean[] ASCII_WORD_PART = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD_PART[c] = isWordPart(c);
        }
    }

    ScriptLexer(LexicalRules rules, String script, String sourceName, int firstLine) {
        this(rules, new ScriptText(script), sourceName, firstLine);
    }

    ScriptLexer(LexicalRules rules, ScriptText text, String sourceName, int firstLine) {
        this(rules, text, sourceName, firstLine, true);
    }

    /** @param skimming false to record every token of every statement (the general path, for tests) */
    ScriptLexer(LexicalRules rules, ScriptText text, String sourceName, int firstLine, boolean skimming) {
        this.rules = rules;
        this.skimming = skimming;
        this.asciiKinds = asciiKinds(rules);
        this.src = text;
        this.sourceName = sourceName;
        this.line = firstLine;
        this.pos = src.startsWith("\uFEFF", 0) ? 1 : 0;
    }

    List<Statement> statements() {
        while (src.has(pos)) {
            step(src.charAt(pos));
        }
        endOfInput();
        return statements;
    }

    /**
     * The next statement, reading only as far as it ends, or null after the last one; the text before it is let go.
     * Throws as {@link #statements} does, when the problem is reached.
     */
    Statement next() {
        while (statements.isEmpty()) {
            if (finished) {
                return null;
            }
            if (src.has(pos)) {
                step(src.charAt(pos));
            } else {
                finished = true;
                endOfInput();
            }
        }
        Statement next = statements.remove(0);
        src.release(start >= 0 ? start : pos);
        return next;
    }

    /** Characters read so far. */
    long consumed() {
        return src.consumed();
    }

    private void step(char c) {
        if (c == '\n') {
            line++;
            pos++;
        } else if (Character.isWhitespace(c)) {
            pos++;
        } else if (src.startsWith("--", pos)) {
            skipLineComment();
        } else if (src.startsWith("/*", pos)) {
            skipBlockComment();
        } else if (c == ';' && blockDepth == 0 && (parenDepth == 0 || !rules.parenthesesHoldSemicolons())) {
            if (copyFromStdin) {
                endCopy(pos);
            } else {
                endStatement(pos);
                pos++;
            }
        } else {
            if (start < 0) {
                refuseClientCommand(c);
                start = pos;
                startLine = line;
            }
            token(c);
        }
    }

    private void token(char c) {
        if (!tokensMatter) {
            skipToken(c);
            skim();
            return;
        }
        LexicalRules.Quote quote = rules.quoteOpenedBy(c);
        int tagLength = c == '$' && rules.dollarQuotes() ? dollarTagLength() : 0;
        if (quote != null) {
            skipQuoted(quote, pos, false);
            noteToken(String.valueOf(c));
        } else if (tagLength > 0) {
            skipDollarQuoted(tagLength);
            noteToken("$");
        } else if (isWordStart(c)) {
            int begin = pos;
            String word = readWord();
            if (src.has(pos) && src.charAt(pos) == '\'' && rules.backslashStringPrefixes().contains(word)) {
                skipQuoted(LexicalRules.Quote.string('\''), begin, true);
                noteToken("'");
            } else {
                noteToken(word);
            }
        } else {
            if (c == '(') {
                if (parenDepth++ == 0) {
                    parenLine = line;
                    parenPos = pos;
                }
            } else if (c == ')' && parenDepth > 0) {
                parenDepth--;
            }
            pos++;
            noteToken(String.valueOf(c));
        }
    }

    /** Records a token of the current statement: upper-cased words, or the first character of anything else. */
    private void noteToken(String token) {
        if (leading.size() < LEADING_TOKENS) {
            leading.add(token);
        }
        String previous = recent.isEmpty() ? "" : recent.get(recent.size() - 1);
        recent.add(token);
        if (recent.size() > LEADING_TOKENS) {
            recent.remove(0);
        }
        if (previous.equals(".")) {
            return; // a qualified name such as new.end is never a keyword
        }
        if (blockDepth > 0) {
            if (blockBody.end() == LexicalRules.BodyEnd.END_AFTER_SEMICOLON) {
                if (token.equals("END") && previous.equals(";")) {
                    blockDepth = 0;
                }
            } else if (token.equals("CASE")) {
                blockDepth++;
            } else if (token.equals("END")) {
                blockDepth--;
            }
        } else {
            LexicalRules.BlockBody body = bodyOpenedByLastTokens();
            if (body != null) {
                blockDepth = 1;
                blockLine = line;
                blockBody = body;
            }
        }
        if (rules.copyFromStdin() && token.equals("STDIN") && previous.equals("FROM")
                && leading.get(0).equals("COPY")) {
            copyFromStdin = true;
        }
        if (skimming && blockDepth == 0 && !copyFromStdin && !canStillOpenSomething()) {
            tokensMatter = false;
        }
    }

    /**
     * Whether a later token of the current statement could still open a block body or a COPY: whether its first
     * tokens agree with the start of some body's statement start (or with COPY). Once they disagree they always
     * will, since the first tokens do not change.
     */
    private boolean canStillOpenSomething() {
        if (rules.copyFromStdin() && leading.get(0).equals("COPY")) {
            return true;
        }
        for (LexicalRules.BlockBody body : rules.blockBodies()) {
            List<String> startWords = body.statementStart();
            int n = Math.min(leading.size(), startWords.size());
            if (leading.subList(0, n).equals(startWords.subList(0, n))) {
                return true;
            }
        }
        return false;
    }

    /** A token as {@link #token} reads it, but not recorded (the statement's tokens no longer matter). */
    private void skipToken(char c) {
        LexicalRules.Quote quote = rules.quoteOpenedBy(c);
        int tagLength = c == '$' && rules.dollarQuotes() ? dollarTagLength() : 0;
        if (quote != null) {
            skipQuoted(quote, pos, false);
        } else if (tagLength > 0) {
            skipDollarQuoted(tagLength);
        } else if (isWordStart(c)) {
            skipWord();
        } else {
            if (c == '(') {
                openParenthesis();
            } else if (c == ')' && parenDepth > 0) {
                parenDepth--;
            }
            pos++;
        }
    }

    /**
     * Reads on, in a statement whose tokens no longer matter, over what {@link #step} would read the same way
     * without anything to record: ASCII blanks, words, quoted text, parentheses and other single characters. Stops
     * (leaving the rest to {@link #step}) at a semicolon, at what may open a comment or a dollar quote, at a
     * character beyond ASCII outside a word, and at the end of the input. This is the path of long data scripts
     * (INSERT after INSERT), so it looks at each character once, through a table.
     */
    private void skim() {
        byte[] kinds = asciiKinds;
        while (src.has(pos)) {
            char c = src.charAt(pos);
            if (c >= 128) {
                return;
            }
            switch (kinds[c]) {
                case SKIM_SPACE -> pos++;
                case SKIM_NEWLINE -> {
                    line++;
                    pos++;
                }
                case SKIM_WORD -> skipWord();
                case SKIM_QUOTE -> skipQuoted(rules.quoteOpenedBy(c), pos, false);
                case SKIM_OPEN -> {
                    openParenthesis();
                    pos++;
                }
                case SKIM_CLOSE -> {
                    if (parenDepth > 0) {
                        parenDepth--;
                    }
                    pos++;
                }
                case SKIM_OTHER -> pos++;
                default -> {
                    return;
                }
            }
        }
    }

    /** Skips the word at {@code pos}, and the string it opens if it is a backslash-string prefix such as E. */
    private void skipWord() {
        int begin = pos;
        pos++;
        while (src.has(pos)) {
            char c = src.charAt(pos);
            if (c < 128 && !ASCII_WORD_PART[c]) {
                break;
            }
            pos++;
        }
        if (src.has(pos) && src.charAt(pos) == '\'' && !rules.backslashStringPrefixes().isEmpty()
                && rules.backslashStringPrefixes().contains(src.substring(begin, pos).toUpperCase(Locale.ROOT))) {
            skipQuoted(LexicalRules.Quote.string('\''), begin, true);
        }
    }

    private void openParenthesis() {
        if (parenDepth++ == 0) {
            parenLine = line;
            parenPos = pos;
        }
    }

    /** What each ASCII character is to {@link #skim} under these rules. */
    private static byte[] asciiKinds(LexicalRules rules) {
        byte[] kinds = new byte[128];
        for (char c = 0; c < 128; c++) {
            byte kind;
            if (c == '\n') {
                kind = SKIM_NEWLINE;
            } else if (Character.isWhitespace(c)) {
                kind = SKIM_SPACE;
            } else if (c == ';' || c == '-' || c == '/' || c == '$') {
                kind = SKIM_STOP;
            } else if (rules.quoteOpenedBy(c) != null) {
                kind = SKIM_QUOTE;
            } else if (isWordStart(c)) {
                kind = SKIM_WORD;
            } else if (c == '(') {
                kind = SKIM_OPEN;
            } else if (c == ')') {
                kind = SKIM_CLOSE;
            } else {
                kind = SKIM_OTHER;
            }
            kinds[c] = kind;
        }
        return kinds;
    }

    /** The block body whose opening words were just read, in a statement that starts as it must; or null. */
    private LexicalRules.BlockBody bodyOpenedByLastTokens() {
        for (LexicalRules.BlockBody body : rules.blockBodies()) {
            List<String> opener = body.opener();
            List<String> startWords = body.statementStart();
            if (leading.size() > startWords.size()
                    && leading.subList(0, startWords.size()).equals(startWords)
                    && recent.size() >= opener.size()
                    && recent.subList(recent.size() - opener.size(), recent.size()).equals(opener)) {
                return body;
            }
        }
        return null;
    }

    private void endStatement(int end) {
        if (start >= 0) {
            statements.add(new Statement(src.substring(start, end).stripTrailing(), startLine));
        }
        reset();
    }

    private void reset() {
        start = -1;
        leading.clear();
        recent.clear();
        blockDepth = 0;
        parenDepth = 0;
        copyFromStdin = false;
        tokensMatter = true;
    }

    /**
     * Ends a {@code COPY ... FROM stdin} at {@code end}, its semicolon (as psql does, however many lines the command
     * spans), and reads the data lines that follow the line holding it.
     */
    private void endCopy(int end) {
        int copyLine = startLine;
        String copyText = src.substring(start, end).stripTrailing();
        int lineEnd = src.indexOf('\n', end);
        String rest = src.substring(end + 1, lineEnd < 0 ? src.length() : lineEnd);
        if (!rest.isBlank() && !rest.strip().startsWith("--")) {
            throw error(line, "text after COPY ... FROM stdin on the same line: " + excerpt(rest.strip()),
                    "the data rows start on the line after the COPY statement; move this text to a line of its own");
        }
        StringBuilder data = new StringBuilder();
        pos = lineEnd < 0 ? src.length() : lineEnd + 1;
        if (lineEnd >= 0) {
            line++;
        }
        while (true) {
            if (!src.has(pos)) {
                throw error(copyLine, "COPY ... FROM stdin data has no end marker: " + excerpt(copyText),
                        "end the data rows with a line that holds only \\.");
            }
            int rowEnd = src.indexOf('\n', pos);
            String row = src.substring(pos, rowEnd < 0 ? src.length() : rowEnd);
            pos = rowEnd < 0 ? src.length() : rowEnd + 1;
            if (rowEnd >= 0) {
                line++;
            }
            if (row.equals("\\.")) {
                break;
            }
            data.append(row).append('\n');
        }
        statements.add(new Statement(copyText, copyLine, data.toString()));
        reset();
    }

    private void endOfInput() {
        if (blockDepth > 0) {
            throw error(blockLine, String.join(" ", blockBody.opener())
                    + " on this line opens a body that no END closes; the statement: " + excerpt(start),
                    blockBody.end() == LexicalRules.BodyEnd.MATCHING_END
                            ? "end the body with END; each CASE inside it needs its own END too"
                            : "end the body with END right after the semicolon of its last statement");
        }
        if (parenDepth > 0 && rules.parenthesesHoldSemicolons()) {
            throw error(parenLine, "unclosed parenthesis starting here: " + excerpt(parenPos),
                    "close the parenthesis; until it is closed no semicolon ends the statement");
        }
        if (copyFromStdin) {
            throw error(startLine, "COPY ... FROM stdin data has no end marker: " + excerpt(start),
                    "end the data rows with a line that holds only \\.");
        }
        endStatement(openCommentAt >= 0 ? openCommentAt : src.length());
    }

    private void refuseClientCommand(char c) {
        LexicalRules.ClientCommands commands = rules.clientCommands();
        if (commands == null || c != commands.prefix() || !firstOnItsLine()) {
            return;
        }
        int end = pos + 1;
        while (src.has(end) && !Character.isWhitespace(src.charAt(end))) {
            end++;
        }
        String command = src.substring(pos, end);
        throw error(line, commands.client() + " meta-command " + command
                        + " is not SQL; Godwit sends statements to the server directly",
                "remove the line: Godwit connects through its own configuration and runs each migration file on its"
                        + " own; write what the command did as SQL or as a separate migration");
    }

    private boolean firstOnItsLine() {
        for (int i = pos - 1; i >= 0 && src.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(src.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void skipLineComment() {
        int end = src.indexOf('\n', pos);
        pos = end < 0 ? src.length() : end;
    }

    private void skipBlockComment() {
        int open = pos;
        int openLine = line;
        int depth = 0;
        do {
            if (!src.has(pos)) {
                if (rules.openCommentEndsWithInput()) {
                    openCommentAt = open; // as SQLite's tokenizer reads it: the comment takes the rest of the input
                    return;
                }
                throw error(openLine, "unterminated block comment starting here: " + excerpt(open),
                        rules.nestedComments()
                                ? "close the comment with */; comments nest here, so each /* inside needs its own */"
                                : "close the comment with */");
            }
            if (src.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else if (src.startsWith("/*", pos) && (depth == 0 || rules.nestedComments())) {
                depth++;
                pos += 2;
            } else {
                advance();
            }
        } while (depth > 0);
    }

    /** Skips the quoted text whose quote character is at {@code pos}; {@code open} is where a prefix starts. */
    private void skipQuoted(LexicalRules.Quote quote, int open, boolean backslashEscapes) {
        int openLine = line;
        char close = quote.close();
        boolean doubled = quote.doubledCloseEscapes();
        pos++;
        while (true) {
            if (!src.has(pos)) {
                throw unterminated(quote, backslashEscapes, open, openLine);
            }
            char c = src.charAt(pos);
            if (backslashEscapes && c == '\\') {
                advance();
                if (src.has(pos)) {
                    advance();
                }
            } else if (c == close) {
                pos++;
                if (!doubled || !src.has(pos) || src.charAt(pos) != close) {
                    return;
                }
                pos++;
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
    }

    private GodwitException unterminated(LexicalRules.Quote quote, boolean backslashEscapes, int open, int openLine) {
        String close = String.valueOf(quote.close());
        String hint = "close the " + (quote.kind() == LexicalRules.QuoteKind.STRING ? "string" : "identifier")
                + " with " + close;
        if (backslashEscapes) {
            hint += " (inside " + src.substring(open, src.indexOf('\'', open) + 1)
                    + "...' write \\' or '' for a quote, \\\\ for a backslash)";
        } else if (quote.doubledCloseEscapes()) {
            hint += " (write " + close + close + " for a " + close + " inside it)";
        }
        return error(openLine, "unterminated " + quote.kind().description() + " starting here: " + excerpt(open),
                hint);
    }

    /** The length of the dollar-quote delimiter at {@code pos} ({@code $$} or {@code $tag$}), or 0 if none. */
    private int dollarTagLength() {
        int i = pos + 1;
        if (src.has(i) && isWordStart(src.charAt(i)) && !Character.isDigit(src.charAt(i))) {
            while (src.has(i) && isWordPart(src.charAt(i)) && src.charAt(i) != '$') {
                i++;
            }
        }
        return src.has(i) && src.charAt(i) == '$' ? i + 1 - pos : 0;
    }

    private void skipDollarQuoted(int tagLength) {
        int open = pos;
        int openLine = line;
        String tag = src.substring(pos, pos + tagLength);
        int close = src.indexOf(tag, pos + tagLength);
        if (close < 0) {
            throw error(openLine, "unterminated dollar-quoted string starting here: " + excerpt(open),
                    "close it with " + tag + ", the same tag that opened it");
        }
        while (pos < close + tagLength) {
            advance();
        }
    }

    private String readWord() {
        int begin = pos;
        while (src.has(pos) && isWordPart(src.charAt(pos))) {
            pos++;
        }
        return src.substring(begin, pos).toUpperCase(Locale.ROOT);
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c == '$';
    }

    private String excerpt(int from) {
        return excerpt(src.upTo(from, 400));
    }

    private static String excerpt(String text) {
        int lineEnd = text.indexOf('\n');
        String first = (lineEnd < 0 ? text : text.substring(0, lineEnd)).stripTrailing();
        boolean more = first.length() > EXCERPT_LENGTH || first.length() < text.strip().length();
        return (first.length() > EXCERPT_LENGTH ? first.substring(0, EXCERPT_LENGTH) : first) + (more ? "..." : "");
    }

    private GodwitException error(int atLine, String message, String hint) {
        return new GodwitException(ErrorCode.MIGRATION_FILE, sourceName + ":" + atLine + ": " + message, hint);
    }
}
