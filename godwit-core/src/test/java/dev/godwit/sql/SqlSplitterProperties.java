package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Round trips: statements built from awkward fragments (quotes, comments and bodies full of semicolons), joined
 * into a script, come back out of the splitter unchanged and with the right lines.
 */
class SqlSplitterProperties {

    /** One statement of a generated script: blanks or comments before it, its text, and what ends it. */
    record Part(String prefix, String text, String separator) {
    }

    @Property
    void sqliteScriptsSplitBackIntoTheStatementsTheyWereBuiltFrom(
            @ForAll("sqliteParts") List<Part> parts, @ForAll boolean lastSemicolon,
            @ForAll @IntRange(min = 1, max = 5000) int firstLine) {
        assertRoundTrip(new SqlSplitter(LexicalRules.SQLITE), parts, lastSemicolon, firstLine);
    }

    @Property
    void postgresScriptsSplitBackIntoTheStatementsTheyWereBuiltFrom(
            @ForAll("postgresParts") List<Part> parts, @ForAll boolean lastSemicolon,
            @ForAll @IntRange(min = 1, max = 5000) int firstLine) {
        assertRoundTrip(new SqlSplitter(LexicalRules.POSTGRES), parts, lastSemicolon, firstLine);
    }

    @Property
    void sqliteSplittingNeverThrowsOnAnyMixOfCompleteTokensAndSemicolons(@ForAll("sqliteSoup") String script) {
        assertWellFormed(new SqlSplitter(LexicalRules.SQLITE).split(script, "soup.sql", 1));
    }

    @Property
    void postgresSplittingNeverThrowsOnAnyMixOfCompleteTokensAndSemicolons(@ForAll("postgresSoup") String script) {
        assertWellFormed(new SqlSplitter(LexicalRules.POSTGRES).split(script, "soup.sql", 1));
    }

    @Property
    void skimmingReadsSoupAsTheGeneralPathDoes(@ForAll("sqliteSoup") String sqlite,
            @ForAll("postgresSoup") String postgres) {
        assertSameAsGeneralPath(LexicalRules.SQLITE, sqlite);
        assertSameAsGeneralPath(LexicalRules.POSTGRES, postgres);
    }

    @Property(tries = 2000)
    void skimmingReadsAnyTextAsTheGeneralPathDoes(@ForAll("lexerNoise") String script) {
        for (LexicalRules rules : List.of(LexicalRules.SQLITE, LexicalRules.POSTGRES)) {
            assertSameAsGeneralPath(rules, script);
        }
    }

    @Property(tries = 2000)
    void transactionControlWithoutThePatternAgreesWithIt(@ForAll("controlNoise") String sql) {
        assertThat(TransactionControl.of(sql)).isEqualTo(TransactionControl.byPattern(sql));
    }

    @Provide
    Arbitrary<String> controlNoise() {
        return Arbitraries.of("BEGIN", "begin", "Commit", "END", "end$", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE",
                "START", "PREPARE", "TRANSACTION", "INSERT", "x", "_", "1", "\u00e9", " ", "\t", "\n", "\r", "\f",
                "\u000B", "\u2003", "-- c\n", "/* c */", ";", "(", "'").list().ofMaxSize(6)
                .map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> lexerNoise() {
        Arbitrary<String> pieces = Arbitraries.of("INSERT", "insert", "INTO", "t", "VALUES", "CREATE", "create",
                "TEMP", "TRIGGER", "FUNCTION", "BEGIN", "ATOMIC", "END", "CASE", "COPY", "FROM", "STDIN", "E", "e",
                "x$y", "new", ".", "end", "1", "-1", "2.5", " ", "  ", "\n", "\r\n", "\t", "\u2003", "\u00e9",
                "(", ")", ",", ";", "'", "''", "'a;b'", "E'\\''", "\"", "\"q;\"", "`", "[", "]", "$", "$$",
                "$t$", "$1", "--", "-- c;\n", "/*", "*/", "/* ; */", "\\", "\\.", "\n\\.\n", "=", "*");
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    /** The lexer with its skimming fast path gives what the general path gives: statements, or the same problem. */
    private static void assertSameAsGeneralPath(LexicalRules rules, String script) {
        assertThat(lex(rules, script, true)).isEqualTo(lex(rules, script, false));
    }

    private static String lex(LexicalRules rules, String script, boolean skimming) {
        try {
            List<Statement> statements = new ScriptLexer(rules, new ScriptText(script), "noise.sql", 1, skimming)
                    .statements();
            StringBuilder out = new StringBuilder();
            for (Statement statement : statements) {
                out.append(statement.line()).append(':').append(statement.sql()).append('|')
                        .append(statement.copyData()).append('\n');
            }
            return out.toString();
        } catch (dev.godwit.GodwitException e) {
            return "problem: " + e.getMessage() + " / " + e.hint();
        }
    }

    @Property
    void copyDataComesBackRowForRowWithTheNextStatementOnTheRightLine(
            @ForAll("copyRows") List<String> rows, @ForAll boolean optionsOnALaterLine) {
        String copy = "COPY t FROM stdin" + (optionsOnALaterLine ? "\nWITH (FORMAT text)" : "");
        String script = copy + ";\n" + String.join("\n", rows)
                + (rows.isEmpty() ? "" : "\n") + "\\.\nSELECT 1;";
        List<Statement> statements = new SqlSplitter(LexicalRules.POSTGRES).split(script, "V1__copy.sql", 1);
        assertThat(statements).extracting(Statement::sql).containsExactly(copy, "SELECT 1");
        assertThat(statements.get(0).copyData()).isEqualTo(rows.stream().map(row -> row + "\n")
                .reduce("", String::concat));
        assertThat(statements.get(1).line()).isEqualTo(3 + rows.size() + (optionsOnALaterLine ? 1 : 0));
    }

    @Provide
    Arbitrary<List<String>> copyRows() {
        return text("ab\t;'\"$\\./*-", 6).filter(row -> !row.equals("\\.")).list().ofMaxSize(6);
    }

    private static void assertRoundTrip(SqlSplitter splitter, List<Part> parts, boolean lastSemicolon, int firstLine) {
        StringBuilder script = new StringBuilder();
        List<Statement> expected = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            script.append(part.prefix());
            int line = firstLine + (int) script.chars().filter(c -> c == '\n').count();
            expected.add(new Statement(part.text().replace("\r\n", "\n").stripTrailing(), line));
            script.append(part.text());
            if (i < parts.size() - 1 || lastSemicolon) {
                script.append(part.separator());
            }
        }
        assertThat(splitter.split(script.toString(), "V1__gen.sql", firstLine)).isEqualTo(expected);
    }

    private static void assertWellFormed(List<Statement> statements) {
        for (Statement statement : statements) {
            assertThat(statement.sql()).isNotBlank().isEqualTo(statement.sql().strip())
                    .doesNotStartWith("--").doesNotStartWith("/*");
        }
    }

    // ---- fragments shared by both dialects

    private static Arbitrary<String> identifiers() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(s -> "c_" + s);
    }

    private static Arbitrary<String> text(String alphabet, int maxLength) {
        return Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(maxLength);
    }

    private static Arbitrary<String> doubled(char quote, char close, String alphabet) {
        return text(alphabet, 12).map(s -> quote + s.replace(String.valueOf(close), "" + close + close) + close);
    }

    private static Arbitrary<String> standardStrings() {
        return doubled('\'', '\'', "ab ;'\"-/*\n\\$[]`");
    }

    private static Arbitrary<String> doubleQuotedIdentifiers() {
        return doubled('"', '"', "ab ;'\"-/*\\$");
    }

    private static Arbitrary<String> lineComments() {
        return text("ab ;'\"-/*$", 12).map(s -> "--" + s + "\n");
    }

    private static Arbitrary<String> blockComments() {
        return text("ab ;'\"-\n$", 12).map(s -> "/*" + s + "*/");
    }

    private static Arbitrary<String> keyword(String word) {
        return Arbitraries.of(word, word.toLowerCase(), word.charAt(0) + word.substring(1).toLowerCase());
    }

    private static Arbitrary<String> blanks() {
        return Arbitraries.of(" ", "\n", "\t", "  \n ", "\r\n");
    }

    private static Arbitrary<String> joined(Arbitrary<String> pieces, int maxSize) {
        return Combinators.combine(pieces.list().ofMinSize(0).ofMaxSize(maxSize), blanks())
                .as((list, blank) -> String.join(blank, list));
    }

    private static Arbitrary<String> prefixes() {
        return Arbitraries.oneOf(Arbitraries.of("", "\n", "\n\n  ", "\r\n"), lineComments(), blockComments(),
                Combinators.combine(lineComments(), blockComments()).as((a, b) -> a + " \n" + b + "\n"));
    }

    private static Arbitrary<String> separators() {
        return Arbitraries.of(";\n", ";\n", ";", "; ", ";\r\n", "\n;\n\n");
    }

    private static Arbitrary<List<Part>> parts(Arbitrary<String> statements) {
        return Combinators.combine(prefixes(), statements, separators()).as(Part::new).list().ofMaxSize(7);
    }

    /** A statement that starts with a word and continues with fragments. */
    private static Arbitrary<String> plainStatements(Arbitrary<String> fragments) {
        return Combinators.combine(identifiers(), blanks(), joined(fragments, 8))
                .as((first, blank, rest) -> first + blank + rest);
    }

    private static Arbitrary<String> caseExpressions(Arbitrary<String> fragments) {
        return Combinators.combine(keyword("CASE"), fragments, keyword("END"))
                .as((open, fragment, end) -> open + " WHEN " + fragment + " THEN 'x;' ELSE "
                        + "case c_a when 1 then ';' end " + end);
    }

    /** Statements inside a body: each ends in a semicolon. */
    private static Arbitrary<String> bodyStatements(Arbitrary<String> fragments) {
        Arbitrary<String> statement = Arbitraries.oneOf(plainStatements(fragments),
                caseExpressions(fragments).map(c -> "SELECT " + c));
        return statement.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join(";\n  ", list) + ";");
    }

    // ---- SQLite

    private static Arbitrary<String> sqliteFragments() {
        return Arbitraries.oneOf(identifiers(), identifiers(), standardStrings(), doubleQuotedIdentifiers(),
                lineComments(), blockComments(),
                text("0123456789ABCDEFabcdef", 6).map(s -> (s.length() % 2 == 0 ? "x'" : "X'") + s + s + "'"),
                text("ab ;'\"`-/*[", 8).map(s -> "[" + s + "]"),
                doubled('`', '`', "ab ;'\"`-/*[]"),
                Arbitraries.of(",", "=", "+", "(1)", "*", "$p", ":p", "?1", "@v", "42", "\\"));
    }

    private static Arbitrary<String> sqliteTriggers() {
        Arbitrary<String> create = Combinators.combine(keyword("CREATE"),
                        Arbitraries.of("", " TEMP", " temporary"), keyword("TRIGGER"), identifiers())
                .as((c, temp, trigger, name) -> c + temp + " " + trigger + " " + name
                        + " AFTER INSERT ON c_t FOR EACH ROW");
        Arbitrary<String> when = Arbitraries.oneOf(Arbitraries.just(""),
                caseExpressions(sqliteFragments()).map(c -> " WHEN " + c + " = 1"));
        return Combinators.combine(create, when, keyword("BEGIN"), bodyStatements(sqliteFragments()),
                        keyword("END"))
                .as((head, condition, begin, body, end) -> head + condition + "\n" + begin + "\n  " + body + "\n"
                        + end);
    }

    @Provide
    Arbitrary<List<Part>> sqliteParts() {
        return parts(Arbitraries.frequencyOf(
                Tuple.of(6, plainStatements(sqliteFragments())),
                Tuple.of(3, sqliteTriggers()),
                Tuple.of(1, Arbitraries.of("BEGIN", "begin transaction", "END", "COMMIT",
                        "ROLLBACK", "SELECT CASE WHEN 1 THEN 2 END"))));
    }

    @Provide
    Arbitrary<String> sqliteSoup() {
        return joined(Arbitraries.oneOf(sqliteFragments(), sqliteTriggers(),
                Arbitraries.of(";", ";", "END", "CASE", "COMMIT")), 20);
    }

    // ---- PostgreSQL

    private static Arbitrary<String> escapeStrings() {
        return Combinators.combine(Arbitraries.of("E", "e"),
                        Arbitraries.of("a", " ", ";", "\\'", "''", "\\\\", "\\n", "\"", "$$", "--", "/*", "\n")
                                .list().ofMaxSize(8))
                .as((prefix, pieces) -> prefix + "'" + String.join("", pieces) + "'");
    }

    private static Arbitrary<String> dollarQuoted() {
        Arbitrary<String> tags = Arbitraries.of("", "fn", "body", "_x1", "ÄÖ");
        Arbitrary<String> content = Arbitraries.of("a", " ", ";", "'", "\"", "\n", "--", "/*", "*/", "\\", "$x$",
                "$$", "$fn$", "$1").list().ofMaxSize(8).map(list -> String.join("", list));
        return Combinators.combine(tags, content).as((tag, body) -> "$" + tag + "$" + body + "$" + tag + "$")
                .filter(quoted -> {
                    String delimiter = quoted.substring(0, quoted.indexOf('$', 1) + 1);
                    return quoted.indexOf(delimiter, delimiter.length()) == quoted.length() - delimiter.length();
                });
    }

    private static Arbitrary<String> nestedComments() {
        Arbitrary<String> inner = text("ab ;'\"\n$", 6);
        return Combinators.combine(inner, inner, inner).as((a, b, c) -> "/*" + a + "/*" + b + "*/" + c + "*/");
    }

    private static Arbitrary<String> postgresFragments() {
        return Arbitraries.oneOf(identifiers(), identifiers(), standardStrings(), doubleQuotedIdentifiers(),
                escapeStrings(), dollarQuoted(), lineComments(), blockComments(), nestedComments(),
                Arbitraries.of(",", "=", "+", "(1)", "*", "$1", "$23", "::text", "[1]", "c_a$b", "U&'x'", "42"));
    }

    private static Arbitrary<String> postgresBodies() {
        Arbitrary<String> create = Arbitraries.of("CREATE FUNCTION", "create or replace function",
                "CREATE PROCEDURE", "Create Or Replace Procedure");
        Arbitrary<String> atomic = Combinators.combine(create, identifiers(), keyword("BEGIN"), blanks(),
                        keyword("ATOMIC"), bodyStatements(postgresFragments()), keyword("END"))
                .as((head, name, begin, blank, atom, body, end) -> head + " " + name + "() LANGUAGE sql\n" + begin
                        + blank + atom + "\n  " + body + "\n" + end);
        Arbitrary<String> dollarFunction = Combinators.combine(identifiers(), dollarQuoted())
                .as((name, body) -> "CREATE FUNCTION " + name + "() RETURNS int AS " + body + " LANGUAGE sql");
        Arbitrary<String> rule = Combinators.combine(identifiers(), Arbitraries.of("ALSO", "INSTEAD"),
                        bodyStatements(postgresFragments()))
                .as((name, kind, body) -> "CREATE RULE " + name + " AS ON INSERT TO c_t DO " + kind + " (\n  "
                        + body + "\n)");
        Arbitrary<String> doBlock = dollarQuoted().map(body -> "DO " + body);
        return Arbitraries.oneOf(atomic, dollarFunction, rule, doBlock);
    }

    @Provide
    Arbitrary<List<Part>> postgresParts() {
        return parts(Arbitraries.frequencyOf(
                Tuple.of(6, plainStatements(postgresFragments())),
                Tuple.of(3, postgresBodies()),
                Tuple.of(1, Arbitraries.of("BEGIN", "END", "COMMIT", "START TRANSACTION",
                        "SELECT CASE WHEN 1 THEN 2 END"))));
    }

    @Provide
    Arbitrary<String> postgresSoup() {
        return joined(Arbitraries.oneOf(postgresFragments(), postgresBodies(),
                Arbitraries.of(";", ";", "BEGIN", "END", "CASE", "CREATE", "COPY", "FROM")), 20);
    }
}
