package dev.godwit.dialect.postgres;

import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The schemas of one PostgreSQL database whose names match a LIKE pattern: the members of a schema-per-tenant fleet. */
public final class PostgresSchemas {
    private PostgresSchemas() {
    }

    /** Names matching {@code like} ({@code tenant_%}), sorted; the system schemas never match. */
    public static List<String> matching(GodwitConfig config, String like) {
        if (config.url().kind() != DatabaseUrl.Kind.POSTGRES) {
            throw new GodwitException(ErrorCode.USAGE, "schemas of a database: " + config.url().redacted()
                    + " is not a PostgreSQL URL", "give a postgres:// URL (--url, GODWIT_URL or godwit.toml)");
        }
        PostgresUrl url = PostgresUrl.parse(config.url(), config.password());
        Properties p = url.connectionProperties();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), p);
             PreparedStatement s = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname LIKE ? "
                     + "AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1")) {
            s.setString(1, like);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new GodwitException(ErrorCode.DATABASE_UNUSABLE, "cannot list the schemas of "
                    + config.url().redacted() + ": " + e.getMessage(), "check the URL and that the server is up");
        }
    }
}
