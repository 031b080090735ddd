package dev.godwit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the database is, parsed from what the user wrote. Knows which dialect it names and how to show itself
 * without secrets.
 *
 * @param kind     which engine and transport
 * @param raw      the URL as given (may contain a password: never print it; use {@link #redacted()})
 * @param location for SQLite, the file path; for servers, the URL in the form the dialect uses
 */
public record DatabaseUrl(Kind kind, String raw, String location) {
    /** The engine a URL names. */
    public enum Kind {
        /** A SQLite file (also {@code libsql:file:}), or an in-memory SQLite database. */
        SQLITE,
        /** A PostgreSQL server. */
        POSTGRES,
        /** A remote libSQL server (sqld, Turso), over HTTP. */
        LIBSQL_REMOTE
    }

    /** A URL scheme of two or more characters (one letter is a Windows drive, as in {@code C:\\data\\app.db}). */
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):");
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.:-]*://)([^/@?#]*)@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|pass|pwd|authToken|auth_token|token|access_token|sslpassword)=)[^&;#]*");

    /**
     * Checks that every part is given.
     *
     * @param kind     the engine
     * @param raw      the URL as given
     * @param location the file path, or the URL as the dialect uses it
     */
    public DatabaseUrl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Parses {@code sqlite:PATH}, {@code jdbc:sqlite:PATH}, {@code file:PATH}, {@code libsql:file:PATH}, a plain
     * path ending in .db/.sqlite/.sqlite3, {@code postgres://}, {@code postgresql://}, {@code jdbc:postgresql://},
     * {@code libsql://}, {@code http://} and {@code https://}. Any other scheme is refused, never read as part of a
     * file name; so are query parameters on SQLite URLs ({@code ?mode=ro}), which Godwit would otherwise ignore.
     *
     * @param url the URL as given
     * @return the parsed URL
     * @throws GodwitException ({@link ErrorCode#CONFIGURATION}) for a missing or unrecognised URL
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "no database URL given",
                    "have you set --url or GODWIT_URL (or DATABASE_URL)? e.g. --url sqlite:app.db");
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"jdbc:sqlite:", "libsql:file:", "sqlite://", "sqlite:", "file:"}) {
            if (lower.startsWith(prefix)) {
                String path = u.substring(prefix.length());
                int q = path.indexOf('?');
                if (q >= 0) {
                    refuseSqliteParameters(u, path.substring(q + 1));
                    path = path.substring(0, q);
                }
                if (path.isBlank() || path.equals(":memory:")) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "a SQLite URL needs a file path: " + u,
                            "e.g. --url sqlite:data/app.db");
                }
                return new DatabaseUrl(Kind.SQLITE, u, path);
            }
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")
                || lower.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Kind.POSTGRES, u, u);
        }
        if (lower.startsWith("libsql://") || lower.startsWith("https://") || lower.startsWith("http://")) {
            return new DatabaseUrl(Kind.LIBSQL_REMOTE, u, u);
        }
        Matcher scheme = SCHEME.matcher(u);
        if (scheme.find()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            String rest = u.substring(scheme.end()).replaceFirst("^//", "");
            throw new GodwitException(ErrorCode.CONFIGURATION, "unknown scheme '" + scheme.group(1)
                    + ":' in database URL " + redact(u) + "; nothing was opened or created",
                    name.startsWith("sqlite") || name.startsWith("file")
                            ? "did you mean sqlite:" + rest + "? (a file whose name holds a colon: sqlite:" + u + ")"
                            : "use sqlite:PATH (or a path ending in .db), postgres://user@host/db, or libsql://host");
        }
        if (lower.contains("?")) {
            refuseSqliteParameters(u, u.substring(u.indexOf('?') + 1));
        }
        if (lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3")) {
            return new DatabaseUrl(Kind.SQLITE, u, u);
        }
        throw new GodwitException(ErrorCode.CONFIGURATION, "unrecognised database URL: " + redact(u),
                "use sqlite:PATH (or a path ending in .db), postgres://user@host/db, or libsql://host");
    }

    /**
     * SQLite URI parameters ({@code mode}, {@code cache}, {@code immutable}, ...) and the driver's pragma parameters
     * would change how the file is opened; Godwit opens SQLite files read-write with settings of its own, so it
     * refuses them rather than ignore them.
     */
    private static void refuseSqliteParameters(String url, String query) {
        if (query.isEmpty()) {
            return;
        }
        java.util.List<String> names = java.util.Arrays.stream(query.split("&")).filter(p -> !p.isEmpty())
                .map(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) : p).toList();
        boolean readOnly = java.util.Arrays.stream(query.split("&")).anyMatch(p -> p.equalsIgnoreCase("mode=ro")
                || p.equalsIgnoreCase("immutable=1") || p.equalsIgnoreCase("open_mode=1"));
        throw new GodwitException(ErrorCode.CONFIGURATION, "SQLite URL parameters are not supported: "
                + String.join(", ", names) + " in " + redact(url) + "; Godwit would not honour them, so nothing was "
                + "opened", readOnly
                ? "Godwit opens SQLite files read-write; to look without changing anything use 'godwit status', "
                        + "'godwit validate' or --dry-run, which only read; remove the parameters from the URL"
                : "remove the parameters: Godwit sets what it needs itself (a new file's journal mode: "
                        + "--journal-mode; the busy wait: --lock-timeout)");
    }

    /** The location of an in-memory SQLite database (reached only through a connection the caller gives). */
    public static final String SQLITE_MEMORY = ":memory:";

    /**
     * The database a connection reaches, from its metadata (product name and JDBC URL): SQLite, a file or in
     * memory, or PostgreSQL. Other engines are refused.
     *
     * @param productName {@code DatabaseMetaData.getDatabaseProductName()}
     * @param jdbcUrl {@code DatabaseMetaData.getURL()}
     * @return the database it reaches
     */
    public static DatabaseUrl detected(String productName, String jdbcUrl) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        String url = jdbcUrl == null ? "" : jdbcUrl.strip();
        if (product.contains("sqlite")) {
            String path = url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:") ? url.substring(12) : url;
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (path.startsWith("file:")) {
                path = path.substring(5);
            }
            if (path.isBlank() || path.startsWith(SQLITE_MEMORY) || path.contains("mode=memory")) {
                return new DatabaseUrl(Kind.SQLITE, "sqlite::memory:", SQLITE_MEMORY);
            }
            return new DatabaseUrl(Kind.SQLITE, "sqlite:" + path, path);
        }
        if (product.contains("postgres")) {
            return new DatabaseUrl(Kind.POSTGRES, url, url);
        }
        throw new GodwitException(ErrorCode.CONFIGURATION, "the connection given reaches " + productName
                + ", which Godwit does not migrate", "give a connection or DataSource of SQLite or PostgreSQL");
    }

    /**
     * Whether this is an in-memory SQLite database (known only through a connection the caller gave).
     *
     * @return whether it is in memory
     */
    public boolean inMemory() {
        return kind == Kind.SQLITE && location.equals(SQLITE_MEMORY);
    }

    /** @return the SQLite file; only for {@link Kind#SQLITE} */
    public Path sqlitePath() {
        if (kind != Kind.SQLITE) {
            throw new IllegalStateException("not a SQLite URL");
        }
        return Path.of(location);
    }

    /**
     * The URL with any password or token replaced by {@code ***}.
     *
     * @return the URL, safe to print
     */
    public String redacted() {
        return redact(raw);
    }

    /**
     * Redacts user-info passwords and secret query parameters from any URL-like text.
     *
     * @param text a URL, or text holding one
     * @return the text, safe to print
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        Matcher m = USERINFO.matcher(out);
        if (m.find()) {
            String userinfo = m.group(2);
            int colon = userinfo.indexOf(':');
            String user = colon >= 0 ? userinfo.substring(0, colon) + ":***" : userinfo;
            out = m.group(1) + user + "@" + out.substring(m.end());
        }
        return SECRET_PARAM.matcher(out).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
