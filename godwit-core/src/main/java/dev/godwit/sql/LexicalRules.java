package dev.godwit.sql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lexical facts of one SQL dialect that decide where a statement ends. Dialect differences are data here; the
 * {@link SqlSplitter} reads them and has no per-dialect code.
 *
 * @param name                        a short name for messages, e.g. {@code "sqlite"}
 * @param quotes                      the quoting characters: string literals and quoted identifiers. When a quote
 *                                    opens and closes with the same character, doubling it inside escapes it.
 * @param backslashStringPrefixes     words that, written directly before {@code '}, open a string in which a
 *                                    backslash escapes the next character (PostgreSQL {@code E'...'}); compared
 *                                    case-insensitively
 * @param dollarQuotes                whether {@code $$...$$} and {@code $tag$...$tag$} quote text
 * @param nestedComments              whether {@code /* ... *}{@code /} comments nest
 * @param openCommentEndsWithInput    whether a block comment that no {@code *}{@code /} closes simply runs to the
 *                                    end of the input (SQLite's tokenizer and {@code sqlite3} accept it) instead of
 *                                    being an error (PostgreSQL refuses it)
 * @param blockBodies                 statements whose body may hold semicolons up to the matching {@code END}
 * @param parenthesesHoldSemicolons   whether a semicolon inside parentheses never ends a statement
 * @param clientCommands              the interactive client's own commands, refused when found at the start of a
 *                                    statement; {@code null} when the dialect has none
 * @param copyFromStdin               whether {@code COPY ... FROM stdin} takes its data from the lines after the
 *                                    one holding the semicolon that ends the command (which may come lines later, as
 *                                    in psql), up to a line holding only {@code \.}
 */
public record LexicalRules(
        String name,
        List<Quote> quotes,
        Set<String> backslashStringPrefixes,
        boolean dollarQuotes,
        boolean nestedComments,
        boolean openCommentEndsWithInput,
        List<BlockBody> blockBodies,
        boolean parenthesesHoldSemicolons,
        ClientCommands clientCommands,
        boolean copyFromStdin) {

    /**
     * SQLite as the {@code sqlite3} shell reads it: four quotes, flat comments that may stay open at the end of the
     * input, trigger bodies that end at an {@code END} right after a semicolon (as {@code sqlite3_complete} decides).
     */
    public static final LexicalRules SQLITE = new LexicalRules(
            "sqlite",
            List.of(Quote.string('\''), Quote.identifier('"', '"'), Quote.identifier('[', ']'),
                    Quote.identifier('`', '`')),
            Set.of(),
            false,
            false,
            true,
            List.of(new BlockBody(List.of("CREATE", "TRIGGER"), List.of("BEGIN"), BodyEnd.END_AFTER_SEMICOLON),
                    new BlockBody(List.of("CREATE", "TEMP", "TRIGGER"), List.of("BEGIN"),
                            BodyEnd.END_AFTER_SEMICOLON),
                    new BlockBody(List.of("CREATE", "TEMPORARY", "TRIGGER"), List.of("BEGIN"),
                            BodyEnd.END_AFTER_SEMICOLON)),
            false,
            new ClientCommands('.', "sqlite3"),
            false);

    /**
     * PostgreSQL with {@code standard_conforming_strings} on, as {@code psql -f} reads it: dollar quotes,
     * {@code E''} strings, nested comments, {@code BEGIN ATOMIC} bodies, rule actions in parentheses and
     * {@code COPY ... FROM stdin} data.
     */
    public static final LexicalRules POSTGRES = new LexicalRules(
            "postgresql",
            List.of(Quote.string('\''), Quote.identifier('"', '"')),
            Set.of("E"),
            true,
            true,
            false,
            List.of(new BlockBody(List.of("CREATE"), List.of("BEGIN", "ATOMIC"), BodyEnd.MATCHING_END)),
            true,
            new ClientCommands('\\', "psql"),
            true);

    public LexicalRules {
        Objects.requireNonNull(name, "name");
        quotes = List.copyOf(quotes);
        backslashStringPrefixes = backslashStringPrefixes.stream()
                .map(prefix -> prefix.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        blockBodies = List.copyOf(blockBodies);
        if (quotes.stream().map(Quote::open).distinct().count() != quotes.size()) {
            throw new IllegalArgumentException("two quotes open with the same character: " + quotes);
        }
    }

    /** The quote that the given character opens, or {@code null}. */
    Quote quoteOpenedBy(char c) {
        for (Quote quote : quotes) {
            if (quote.open() == c) {
                return quote;
            }
        }
        return null;
    }

    /** What a quote encloses; only the wording of error messages depends on it. */
    public enum QuoteKind {
        STRING("string literal"),
        IDENTIFIER("quoted identifier");

        private final String description;

        QuoteKind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /**
     * One kind of quote.
     *
     * @param open  the opening character
     * @param close the closing character; when equal to {@code open}, two of them in a row stand for one
     * @param kind  string literal or quoted identifier
     */
    public record Quote(char open, char close, QuoteKind kind) {
        public Quote {
            Objects.requireNonNull(kind, "kind");
        }

        public static Quote string(char quote) {
            return new Quote(quote, quote, QuoteKind.STRING);
        }

        public static Quote identifier(char open, char close) {
            return new Quote(open, close, QuoteKind.IDENTIFIER);
        }

        boolean doubledCloseEscapes() {
            return open == close;
        }
    }

    /** Which {@code END} closes a block body. */
    public enum BodyEnd {
        /**
         * The {@code END} that matches the opener, counting {@code CASE ... END} pairs inside the body (psql's
         * reading of {@code BEGIN ATOMIC}).
         */
        MATCHING_END,
        /**
         * The first {@code END} that directly follows a semicolon of the body, whatever comes between; an
         * {@code END} anywhere else (a {@code CASE}'s, a column named {@code end}) is an ordinary word. This is how
         * {@code sqlite3_complete}, and so the {@code sqlite3} shell, reads a trigger body.
         */
        END_AFTER_SEMICOLON
    }

    /**
     * A statement that may contain semicolons inside a body: a statement whose first words are
     * {@code statementStart} opens its body at the words {@code opener}; the body ends at the {@code END} that
     * {@code end} names. Words are matched case-insensitively, as whole words, never inside quotes or comments, and
     * a qualified name such as {@code new.end} is never a keyword.
     *
     * @param statementStart the statement's first words, e.g. {@code CREATE TEMP TRIGGER}
     * @param opener         the words that open the body, e.g. {@code BEGIN} or {@code BEGIN ATOMIC}
     * @param end            which {@code END} closes the body
     */
    public record BlockBody(List<String> statementStart, List<String> opener, BodyEnd end) {
        public BlockBody {
            statementStart = upperCase(statementStart);
            opener = upperCase(opener);
            Objects.requireNonNull(end, "end");
            if (opener.isEmpty()) {
                throw new IllegalArgumentException("a block body needs opening words");
            }
        }

        private static List<String> upperCase(List<String> words) {
            return words.stream().map(word -> word.toUpperCase(Locale.ROOT)).toList();
        }
    }

    /**
     * The commands of a dialect's interactive client ({@code psql}'s {@code \connect}, {@code sqlite3}'s
     * {@code .read}), which are not SQL and which Godwit refuses.
     *
     * @param prefix the character that starts such a command at the start of a statement
     * @param client the client's name for messages
     */
    public record ClientCommands(char prefix, String client) {
        public ClientCommands {
            Objects.requireNonNull(client, "client");
        }
    }
}
