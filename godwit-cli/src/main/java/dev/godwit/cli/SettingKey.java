package dev.godwit.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting {@code godwit.toml} knows, with its type, the command-line option and the environment variables
 * that override it, and its default. A key in the file is spelt as its option ({@code lock-timeout} for
 * {@code --lock-timeout}); keys in a table are dotted here ({@code backups.keep}).
 */
enum SettingKey {
    URL("url", Type.URL, "--url", null, "GODWIT_URL", "DATABASE_URL"),
    DIR("dir", Type.PATH, "--dir", "migrations", "GODWIT_DIR"),
    TABLE("table", Type.STRING, "--table", "godwit_history", "GODWIT_TABLE"),
    SCHEMA("schema", Type.STRING, "--schema", "public", "GODWIT_SCHEMA"),
    /** The migration folder's format: {@code auto} (told from the folder), {@code godwit}, {@code flyway}, … */
    FORMAT("format", Type.STRING, "--format", "auto", "GODWIT_FORMAT"),
    /** A single-row version table ({@code schema_version}) to adopt a database from and keep up to date. */
    VERSION_TABLE("version-table", Type.STRING, "--version-table", null, "GODWIT_VERSION_TABLE"),
    LOCK_TIMEOUT("lock-timeout", Type.SECONDS, "--lock-timeout", 60, "GODWIT_LOCK_TIMEOUT"),
    REQUEST_TIMEOUT("request-timeout", Type.SECONDS, "--request-timeout", 60, "GODWIT_REQUEST_TIMEOUT"),
    JOURNAL_MODE("journal-mode", Type.STRING, "--journal-mode", "WAL", "GODWIT_JOURNAL_MODE"),
    KEEP_BACKUPS("backups.keep", Type.COUNT, "--keep-backups", 5, "GODWIT_KEEP_BACKUPS"),
    NO_BACKUP("backups.off", Type.BOOLEAN, "--no-backup", false, "GODWIT_NO_BACKUP"),
    /** A protected run asks before changing the database; switched on at any level, never off. */
    PROTECTED("protected", Type.BOOLEAN, "--confirm", false, "GODWIT_CONFIRM"),
    OUT_OF_ORDER("out-of-order", Type.BOOLEAN, "--out-of-order", false, "GODWIT_OUT_OF_ORDER"),
    AUTH_TOKEN("auth-token", Type.SECRET, "--auth-token", null, "GODWIT_AUTH_TOKEN", "LIBSQL_AUTH_TOKEN",
            "TURSO_AUTH_TOKEN"),
    /** SQLite loadable extensions loaded into every connection Godwit opens. */
    LOAD_EXTENSION("load-extension", Type.PATH_LIST, "--load-extension", List.of()),
    /** Values for {@code ${name}} placeholders in migrations (Flyway); {@code --placeholder NAME=VALUE} adds to them. */
    PLACEHOLDERS("placeholders", Type.STRING_TABLE, null, java.util.Map.of());

    enum Type {
        STRING("a string"), URL("a database URL string"), PATH("a path string"), SECRET("a string"),
        SECONDS("a whole number of seconds (0 or more)"), COUNT("a whole number (0 or more)"),
        BOOLEAN("true or false"), PATH_LIST("a path string or an array of path strings"),
        STRING_TABLE("a table of strings");

        final String expected;

        Type(String expected) {
            this.expected = expected;
        }
    }

    final String key;
    final Type type;
    final String option;
    final Object defaultValue;
    final List<String> envNames;

    SettingKey(String key, Type type, String option, Object defaultValue, String... envNames) {
        this.key = key;
        this.type = type;
        this.option = option;
        this.defaultValue = defaultValue;
        this.envNames = List.of(envNames);
    }

    static Optional<SettingKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The known key nearest to a mistyped one ({@code lock_timeout} → {@code lock-timeout}), if any is near. */
    static Optional<String> nearest(String typed) {
        String t = typed.toLowerCase(Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : knownKeys().stream().map(k -> k.replaceAll(" \\(.*", "")).toList()) {
            int d = distance(t, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, t.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    static List<String> knownKeys() {
        List<String> keys = new java.util.ArrayList<>(Arrays.stream(values()).map(k -> k.key)
                .filter(k -> !k.contains(".")).toList());
        keys.add("backups (keep, off)");
        keys.add("environments");
        keys.add("databases");
        return keys;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
