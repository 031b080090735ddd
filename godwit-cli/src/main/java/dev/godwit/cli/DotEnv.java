package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file read as dbmate reads it (godotenv's rules): {@code KEY=VALUE} lines, an optional
 * {@code export } in front, {@code #} comments (after a space in an unquoted value), single quotes taken literally,
 * double quotes with {@code \n}, {@code \"}, {@code \\} escapes and {@code ${VAR}} expanded, and unquoted values
 * with {@code ${VAR}} expanded and surrounding spaces dropped. A variable already set in the environment wins over
 * the file, as in dbmate. A line that is none of these is an error naming the file and line.
 *
 * <p>Small enough to keep here rather than add a dependency: the Java ports of dotenv load into their own global
 * map and do not say which line a value came from, which {@code godwit config} shows.
 */
final class DotEnv {
    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*[=:]\\s?(.*)$");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** One value and the line it was set on. */
    record Entry(String value, int line) {
    }

    private DotEnv() {
    }

    /** The entries of {@code file}, in order; {@code ${VAR}} looks first at earlier entries, then at {@code env}. */
    static Map<String, Entry> read(Path file, Map<String, String> env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot read " + file + ": " + e.getMessage(),
                    "make the file readable, or remove it");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new GodwitException(ErrorCode.CONFIGURATION, file + ":" + number + ": not a KEY=VALUE line (its text is not shown: it may hold a secret)", "write KEY=VALUE, or start the line with # to comment it");
            }
            String raw = m.group(2).strip();
            String value;
            if (raw.startsWith("'")) {
                int end = raw.indexOf('\'', 1);
                if (end < 0) {
                    throw unclosed(file, number, m.group(1));
                }
                value = raw.substring(1, end);
            } else if (raw.startsWith("\"")) {
                StringBuilder b = new StringBuilder();
                int j = 1;
                boolean closed = false;
                for (; j < raw.length(); j++) {
                    char c = raw.charAt(j);
                    if (c == '\\' && j + 1 < raw.length()) {
                        char n = raw.charAt(++j);
                        b.append(switch (n) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> n;
                        });
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        b.append(c);
                    }
                }
                if (!closed) {
                    throw unclosed(file, number, m.group(1));
                }
                value = expand(b.toString(), out, env);
            } else {
                int hash = raw.indexOf(" #");
                value = expand((hash >= 0 ? raw.substring(0, hash) : raw).strip(), out, env);
            }
            out.put(m.group(1), new Entry(value, number));
        }
        return out;
    }

    private static GodwitException unclosed(Path file, int line, String key) {
        return new GodwitException(ErrorCode.CONFIGURATION, file + ":" + line + ": the value of " + key
                + " opens a quote that the line does not close", "close the quote on the same line");
    }

    private static String expand(String value, Map<String, Entry> earlier, Map<String, String> env) {
        Matcher m = VAR.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String v = env.get(name);
            if (v == null && earlier.containsKey(name)) {
                v = earlier.get(name).value();
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
