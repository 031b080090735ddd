package dev.godwit.dialect.postgres;

import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A PostgreSQL address taken apart: what pgjdbc needs (a URL without credentials plus connection properties) and
 * what messages may show (host and database, never the password).
 *
 * <p>Accepted forms: {@code postgres://user:pass@host:port/db?k=v}, {@code postgresql://…},
 * {@code jdbc:postgresql://host:port/db?user=…&password=…} and {@code jdbc:postgresql:db}. User, password and
 * database are percent-decoded. libpq parameter names that pgjdbc spells differently are translated
 * ({@code application_name}, {@code connect_timeout}); other parameters pass through as pgjdbc properties, and a
 * parameter the driver does not know is refused (pgjdbc would ignore it silently).
 *
 * @param hosts      {@code host[:port]} (or several, comma-separated), as written
 * @param database   the database name; empty means pgjdbc's default (the user's name)
 * @param user       the user, or {@code null} for the driver's default
 * @param password   the password from the URL or else the configured one, or {@code null}
 * @param properties further pgjdbc connection properties (never user or password)
 */
record PostgresUrl(String hosts, String database, String user, String password, Map<String, String> properties) {
    static final String APPLICATION_NAME = "godwit";
    private static final Map<String, String> LIBPQ_NAMES = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "dbname", "PGDBNAME");

    PostgresUrl {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(database, "database");
        properties = Map.copyOf(properties);
    }

    /**
     * @param url              a URL of kind POSTGRES
     * @param fallbackPassword used when the URL has no password ({@code PGPASSWORD}, passed in by the caller)
     */
    static PostgresUrl parse(DatabaseUrl url, String fallbackPassword) {
        String raw = url.raw().strip();
        String lower = raw.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = raw.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql:")) {
            rest = "/" + raw.substring("jdbc:postgresql:".length()); // jdbc:postgresql:db -> localhost
        } else if (lower.startsWith("postgresql://")) {
            rest = raw.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = raw.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + url.redacted());
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        if (at >= 0) {
            String userinfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userinfo.indexOf(':');
            user = decode(colon >= 0 ? userinfo.substring(0, colon) : userinfo, url);
            password = colon >= 0 ? decode(userinfo.substring(colon + 1), url) : null;
        }
        int slash = rest.indexOf('/');
        String hosts = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1), url) : "";
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        Map<String, String> props = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair, url);
            String value = eq >= 0 ? decode(pair.substring(eq + 1), url) : "";
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> {
                    props.put(LIBPQ_NAMES.getOrDefault(key, key), value);
                    written.put(LIBPQ_NAMES.getOrDefault(key, key), key);
                }
            }
        }
        refuseUnknown(written, url);
        if (props.containsKey("PGDBNAME")) {
            database = props.remove("PGDBNAME");
        }
        props.putIfAbsent("ApplicationName", APPLICATION_NAME);
        if ((password == null || password.isEmpty()) && fallbackPassword != null && !fallbackPassword.isEmpty()) {
            password = fallbackPassword;
        }
        return new PostgresUrl(hosts, database, emptyToNull(user), emptyToNull(password), props);
    }

    /**
     * Refuses parameters that the driver does not list among its connection properties ({@link Driver#getPropertyInfo},
     * standard JDBC): pgjdbc would ignore them without a word. Without the driver on the classpath nothing is checked
     * here; connecting then says the driver is missing.
     *
     * @param written pgjdbc property name -> the parameter name as the user wrote it
     */
    private static void refuseUnknown(Map<String, String> written, DatabaseUrl url) {
        if (written.isEmpty()) {
            return;
        }
        Set<String> known;
        try {
            Driver driver = DriverManager.getDriver("jdbc:postgresql://localhost/");
            known = Arrays.stream(driver.getPropertyInfo("jdbc:postgresql://localhost/", new Properties()))
                    .map(p -> p.name).collect(Collectors.toSet());
        } catch (SQLException e) {
            return;
        }
        List<String> unknown = written.entrySet().stream().filter(e -> !known.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (!unknown.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " in database URL " + url.redacted() + ": the PostgreSQL driver "
                    + "(pgjdbc) does not know " + (unknown.size() > 1 ? "them" : "it") + " and would ignore "
                    + (unknown.size() > 1 ? "them" : "it") + "; nothing was opened",
                    "check the spelling (names are case-sensitive), or use the pgjdbc name of the setting, e.g. "
                            + "sslmode, sslrootcert, connectTimeout, ApplicationName, options; see "
                            + "https://jdbc.postgresql.org/documentation/use/#connection-parameters");
        }
    }

    /** The URL pgjdbc connects to: host(s) and database, no credentials. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + hosts + "/" + encode(database);
    }

    /** Connection properties for pgjdbc, credentials included: never print them. */
    Properties connectionProperties() {
        Properties p = new Properties();
        properties.forEach(p::setProperty);
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** Host and database for messages. */
    String describe() {
        return (database.isEmpty() ? "default database" : "database " + database) + " at " + hosts;
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + (user == null ? "" : user + (password == null ? "" : ":***") + "@") + hosts + "/"
                + database + "]";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Percent-decoding as URLs mean it ('+' stays '+'). */
    private static String decode(String s, DatabaseUrl url) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "bad percent-escape in database URL "
                            + url.redacted(), "write a literal % as %25");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
