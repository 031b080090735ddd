package dev.godwit.migration;

import dev.godwit.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Statements that cannot run inside a transaction, as Flyway's parser knows them: PostgreSQL's
 * {@code CREATE/DROP INDEX CONCURRENTLY}, {@code REINDEX ... CONCURRENTLY}, {@code VACUUM},
 * {@code CREATE/DROP DATABASE}, {@code CREATE/DROP TABLESPACE}, {@code ALTER SYSTEM}; SQLite's {@code VACUUM}.
 * ({@code ALTER TYPE ... ADD VALUE} runs in a transaction from PostgreSQL 12 on, and so is not among them.)
 */
final class NonTransactional {
    private static final Pattern STATEMENT = Pattern.compile(
            "(?:create\\s+(?:unique\\s+)?index\\s+concurrently|drop\\s+index\\s+concurrently"
                    + "|reindex\\b.*\\bconcurrently|vacuum\\b|create\\s+database|drop\\s+database"
                    + "|create\\s+tablespace|drop\\s+tablespace|alter\\s+system)\\b.*",
            Pattern.DOTALL);

    private NonTransactional() {
    }

    static boolean needsNoTransaction(String sql) {
        return STATEMENT.matcher(withoutLeadingComments(sql).toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * The body as it runs: without a transaction when every statement needs none, as it is when none does; null
     * (with a problem naming a line of each kind) when they are mixed.
     */
    static SqlBody decide(SqlBody body, List<Statement> statements, FileProblems problems) {
        Statement outside = null;
        Statement inside = null;
        for (Statement s : statements) {
            if (needsNoTransaction(s.sql())) {
                outside = outside == null ? s : outside;
            } else {
                inside = inside == null ? s : inside;
            }
        }
        if (outside == null) {
            return body;
        }
        if (inside == null) {
            Directives d = body.directives();
            return new SqlBody(body.file(), body.firstLine(), body.text(),
                    new Directives(true, d.foreignKeysOff(), false, d.blankIsNoOp()));
        }
        problems.add(body.file(), outside.line(), "line " + outside.line() + " cannot run in a transaction, but "
                + "line " + inside.line() + " is a statement that runs in one; the migration mixes both",
                "move the statement of line " + outside.line() + " into a migration of its own, as Flyway needs too");
        return null;
    }

    private static String withoutLeadingComments(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).strip();
            } else {
                return s;
            }
        }
    }
}
