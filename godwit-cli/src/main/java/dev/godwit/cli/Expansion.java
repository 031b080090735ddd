package dev.godwit.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ~} and {@code ${VAR}} in URLs and paths, and paths relative to the file that names them. {@code ~} is
 * expanded wherever a value comes from, since no shell expands it after {@code sqlite:} ({@code sqlite:~/app.db}
 * would otherwise create a folder named {@code ~}); {@code ${VAR}} in values from {@code godwit.toml} (the shell
 * has already done it for the command line).
 */
final class Expansion {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final String[] SQLITE_PREFIXES = {"jdbc:sqlite:", "libsql:file:", "sqlite://", "sqlite:", "file:"};

    private Expansion() {
    }

    /** {@code ${VAR}} replaced from {@code env}; the name of the first variable that is not set, if any. */
    static Optional<String> missingVariable(String value, Map<String, String> env) {
        Matcher m = VAR.matcher(value);
        while (m.find()) {
            if (env.get(m.group(1)) == null) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    static String variables(String value, Map<String, String> env) {
        Matcher m = VAR.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** A path with a leading {@code ~} made the home folder, then made absolute against {@code base} if relative. */
    static Path path(String value, Path home, Path base) {
        Path p = Path.of(home(value, home));
        return base == null || p.isAbsolute() ? p : base.resolve(p).normalize();
    }

    private static String home(String value, Path home) {
        if (value.equals("~")) {
            return home.toString();
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2)).toString();
        }
        return value;
    }

    /**
     * A SQLite URL's file path with {@code ~} expanded and, when {@code base} is given, made absolute against it;
     * other URLs unchanged. The scheme is kept as written.
     */
    static String url(String url, Path home, Path base) {
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        for (String prefix : SQLITE_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return u.substring(0, prefix.length()) + sqlitePath(u.substring(prefix.length()), home, base);
            }
        }
        if (!lower.contains(":") || lower.startsWith("~")) {
            return sqlitePath(u, home, base);
        }
        return u;
    }

    private static String sqlitePath(String pathAndQuery, Path home, Path base) {
        int q = pathAndQuery.indexOf('?');
        String path = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
        String query = q >= 0 ? pathAndQuery.substring(q) : "";
        if (path.isBlank() || path.equals(":memory:")) {
            return pathAndQuery;
        }
        return path(path, home, base) + query;
    }
}
