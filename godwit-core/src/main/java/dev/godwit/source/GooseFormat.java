package dev.godwit.source;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose's SQL files: {@code <version>_<name>.sql} with a {@code -- +goose Up} and an optional {@code -- +goose Down}
 * section. {@code -- +goose StatementBegin} / {@code StatementEnd} are comments to Godwit's splitter, which already
 * keeps function bodies, dollar quotes and trigger bodies whole; {@code -- +goose NO TRANSACTION} runs both sections
 * without a transaction; between {@code -- +goose ENVSUB ON} and {@code OFF} {@code ${VAR}} and
 * {@code ${VAR:-default}} are replaced from the environment, as goose does (an unset variable without a default
 * becomes empty, as in goose).
 */
public final class GooseFormat implements MigrationFormat {
    static final Pattern NAME = Pattern.compile("(\\d+)_([^/\\\\]+?)\\.sql");
    private static final Pattern ANNOTATION = Pattern.compile("^\\s*--\\s*\\+goose\\s+(.+?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;

    public GooseFormat() {
        this(System.getenv());
    }

    /** @param environment the variables {@code -- +goose ENVSUB ON} substitutes */
    public GooseFormat(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public boolean reads(String name) {
        return FormatReading.startsWithDigit(name) && !name.endsWith(".up.sql") && !name.endsWith(".down.sql")
                && NAME.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'<version>_<name>.sql' with '-- +goose Up' and '-- +goose Down' (goose)";
    }

    /** Whether a text is a goose migration (has a {@code -- +goose Up} line). */
    static boolean isGoose(String text) {
        for (String line : text.lines().toList()) {
            Matcher m = ANNOTATION.matcher(line);
            if (m.matches() && m.group(1).equalsIgnoreCase("up")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        List<Migration> out = new ArrayList<>();
        for (Resource r : resources) {
            Matcher name = FormatReading.named(NAME, r);
            String text = FormatReading.text(r, problems);
            if (text == null) {
                continue;
            }
            Migration m = readOne(r.name(), Version.parse(name.group(1)), name.group(2), text, problems);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private Migration readOne(String file, Version version, String name, String text, FileProblems problems) {
        List<String> lines = text.lines().toList();
        StringBuilder up = null;
        StringBuilder down = null;
        int upLine = 0;
        int downLine = 0;
        StringBuilder current = null;
        boolean noTransaction = false;
        boolean envsub = false;
        boolean inStatement = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = ANNOTATION.matcher(line);
            if (m.matches()) {
                String a = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                switch (a) {
                    case "up" -> {
                        if (up != null) {
                            problems.add(file, i + 1, "a second '-- +goose Up'", "keep one Up section per file");
                            return null;
                        }
                        up = new StringBuilder();
                        upLine = i + 2;
                        current = up;
                        continue;
                    }
                    case "down" -> {
                        if (down != null) {
                            problems.add(file, i + 1, "a second '-- +goose Down'", "keep one Down section per file");
                            return null;
                        }
                        down = new StringBuilder();
                        downLine = i + 2;
                        current = down;
                        continue;
                    }
                    case "no transaction" -> noTransaction = true;
                    case "envsub on" -> envsub = true;
                    case "envsub off" -> envsub = false;
                    case "statementbegin" -> inStatement = true;
                    case "statementend" -> {
                        if (!inStatement) {
                            problems.add(file, i + 1, "'-- +goose StatementEnd' without a StatementBegin",
                                    "open the statement with '-- +goose StatementBegin'");
                            return null;
                        }
                        inStatement = false;
                    }
                    default -> {
                        problems.add(file, i + 1, "unknown goose annotation '" + m.group(1) + "'",
                                "goose knows Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON/OFF");
                        return null;
                    }
                }
            }
            if (current == null) {
                if (!line.isBlank() && !line.strip().startsWith("--")) {
                    problems.add(file, i + 1, "SQL before '-- +goose Up'", "move it below '-- +goose Up'");
                    return null;
                }
                continue;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(envsub && !m.matches() ? substitute(line) : line);
        }
        if (inStatement) {
            problems.add(file, lines.size(), "'-- +goose StatementBegin' without a StatementEnd",
                    "close the statement with '-- +goose StatementEnd'");
            return null;
        }
        if (up == null) {
            problems.add(file, 0, "no '-- +goose Up' line", "start the SQL that applies the migration with a line "
                    + "'-- +goose Up', and the SQL that reverts it with '-- +goose Down'");
            return null;
        }
        Directives d = new Directives(noTransaction, false);
        SqlBody upBody = new SqlBody(file, upLine, up.toString(), d);
        SqlBody downBody = down == null ? null : new SqlBody(file, downLine, down.toString(), d);
        return new Migration(version, name.replace('_', ' ').strip(), file, upBody, downBody,
                Checksum.of(upBody.text()));
    }

    private String substitute(String line) {
        Matcher m = ENV.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                value = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
