package dev.godwit.source;

import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.SqlBody;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of one migration file into sections, not yet split into statements. A single file has a line
 * {@code -- migrate:up} (or {@code -- UP}) and optionally {@code -- migrate:down} (or {@code -- DOWN}); a file of a
 * pair is one section. Sections without statements (empty or only comments) are returned as they are; splitting
 * them for a dialect ({@link dev.godwit.migration.MigrationSet#prepare}) gives them their meaning: an up section not
 * written yet, a down section that counts as none.
 */
final class MigrationFileParser {
    private static final Pattern MARKER = Pattern.compile(
            "^\\s*--\\s*(?:migrate:(up|down)\\b(.*)|(up|down))\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*godwit:(.*)$");

    /** Sections of a single file; either may be null when absent. Problems go to {@code problems}. */
    record Parsed(SqlBody up, SqlBody down) {
    }

    Parsed parseSingle(String file, String text, FileProblems problems) {
        List<String> lines = text.lines().toList();
        int upMarker = -1;
        int downMarker = -1;
        Directives upOptions = Directives.NONE;
        Directives downOptions = Directives.NONE;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("--")) {
                continue; // no marker: spares the regular expression on every line of SQL
            }
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String which = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase(Locale.ROOT);
            boolean noTx = m.group(2) != null && m.group(2).contains("transaction:false");
            if (which.equals("up")) {
                if (upMarker >= 0) {
                    problems.add(file, i + 1, "a second up marker (the first is on line " + (upMarker + 1) + ")",
                            "keep one '-- migrate:up' line per file");
                    return new Parsed(null, null);
                }
                upMarker = i;
                upOptions = new Directives(noTx, false);
            } else {
                if (downMarker >= 0) {
                    problems.add(file, i + 1, "a second down marker (the first is on line " + (downMarker + 1)
                            + ")", "keep one '-- migrate:down' line per file");
                    return new Parsed(null, null);
                }
                downMarker = i;
                downOptions = new Directives(noTx, false);
            }
        }
        if (upMarker < 0) {
            problems.add(file, 0, "no up section: the file has no '-- migrate:up' (or '-- UP') line",
                    "start the SQL that applies the migration with a line '-- migrate:up', and the SQL that "
                            + "reverts it with '-- migrate:down'");
            return new Parsed(null, null);
        }
        int firstMarker = Math.min(upMarker, downMarker < 0 ? upMarker : downMarker);
        String header = String.join("\n", lines.subList(0, firstMarker));
        Directives headerDirectives = directives(file, 1, header, problems);
        if (!onlyComments(header)) {
            problems.add(file, firstLineWithCode(lines, firstMarker), "SQL before the first section marker",
                    "move it below '-- migrate:up' or '-- migrate:down', or make it a comment");
        }
        SqlBody up = section(file, lines, upMarker, downMarker, headerDirectives, upOptions, problems);
        SqlBody down = downMarker < 0 ? null
                : section(file, lines, downMarker, upMarker, headerDirectives, downOptions, problems);
        return new Parsed(up, down);
    }

    /**
     * The one section of a file of a pair. A section without statements (empty, or only comments) is returned as
     * it is: the caller decides what that means (an up section not written yet, a down section that is none).
     */
    SqlBody parseWhole(String file, String text, FileProblems problems) {
        Directives d = directives(file, 1, text, problems);
        return body(file, 1, text, d, problems);
    }

    private SqlBody section(String file, List<String> lines, int marker, int otherMarker, Directives header,
                            Directives fromMarker, FileProblems problems) {
        int end = otherMarker > marker ? otherMarker : lines.size();
        String body = String.join("\n", lines.subList(marker + 1, end));
        Directives own = directives(file, marker + 2, body, problems);
        Directives merged = new Directives(header.noTransaction() || fromMarker.noTransaction() || own.noTransaction(),
                header.foreignKeysOff() || own.foreignKeysOff());
        return body(file, marker + 2, body, merged, problems);
    }

    private SqlBody body(String file, int firstLine, String body, Directives d, FileProblems problems) {
        if (d.noTransaction() && d.foreignKeysOff()) {
            problems.add(file, firstLine, "'-- godwit:foreign-keys off' needs a transaction, but the section "
                    + "also says '-- godwit:no-transaction'", "keep one of the two directives: foreign keys are "
                    + "checked before COMMIT, which a migration without a transaction does not have");
            return null;
        }
        return new SqlBody(file, firstLine, body, d);
    }

    /** Directives stand in the comment lines before the first statement of a text. */
    private static Directives directives(String file, int firstLine, String text, FileProblems problems) {
        boolean noTx = false;
        boolean fkOff = false;
        int n = firstLine;
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                break;
            }
            Matcher m = DIRECTIVE.matcher(t);
            if (m.matches()) {
                String d = m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                switch (d) {
                    case "no-transaction" -> noTx = true;
                    case "foreign-keys off", "foreign-keys=off", "foreign-keys:off" -> fkOff = true;
                    default -> {
                        if (d.startsWith("lint-ignore")) {
                            break; // read by the linter (dev.godwit.lint)
                        } problems.add(file, n, "unknown directive '-- godwit:" + m.group(1).strip() + "'",
                            "known directives: '-- godwit:no-transaction', '-- godwit:foreign-keys off', "
                                    + "'-- godwit:lint-ignore RULE'");
                    }
                }
            }
            n++;
        }
        return new Directives(noTx, fkOff);
    }

    private static boolean onlyComments(String text) {
        boolean inBlock = false;
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (inBlock) {
                if (t.contains("*/")) {
                    inBlock = false;
                }
                continue;
            }
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            if (t.startsWith("/*")) {
                inBlock = !t.contains("*/");
                continue;
            }
            return false;
        }
        return true;
    }

    private static int firstLineWithCode(List<String> lines, int limit) {
        for (int i = 0; i < limit; i++) {
            String t = lines.get(i).strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                return i + 1;
            }
        }
        return 1;
    }
}
