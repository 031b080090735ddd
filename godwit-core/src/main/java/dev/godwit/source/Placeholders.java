package dev.godwit.source;

import dev.godwit.migration.FileProblems;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} placeholders in a migration's text, replaced by their values as Flyway replaces them: a name
 * without a value is a problem naming the file, the line and the placeholder (the whole file is then left out).
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

    private Placeholders() {
    }

    /** The text with every placeholder replaced, or {@code null} when one has no value (each one reported). */
    static String replace(String file, String text, Map<String, String> values, FileProblems problems,
                          String hint) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        boolean missing = false;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                missing = true;
                problems.add(file, lineOf(text, m.start()), "placeholder '${" + m.group(1) + "}' has no value",
                        hint.replace("NAME", m.group(1)));
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        if (missing) {
            return null;
        }
        m.appendTail(out);
        return out.toString();
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
