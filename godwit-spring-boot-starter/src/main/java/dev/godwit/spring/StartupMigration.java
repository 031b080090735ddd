package dev.godwit.spring;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitException;
import dev.godwit.Up;
import dev.godwit.drift.SchemaStore;
import dev.godwit.migration.Version;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.StatusEntry;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application does at startup unless it declares a {@link GodwitMigrationStrategy}: baseline a database
 * that has tables but no history (when {@code godwit.baseline-on-migrate}), validate (when
 * {@code godwit.validate-on-migrate}, the default), then {@code up} with the configured options.
 */
final class StartupMigration implements GodwitMigrationStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(StartupMigration.class);

    private final DataSource dataSource;
    private final GodwitProperties properties;

    StartupMigration(DataSource dataSource, GodwitProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void migrate(Godwit godwit) {
        if (properties.isBaselineOnMigrate() && godwit.history().isEmpty() && hasTables(godwit)) {
            Version version = Version.parse(properties.getBaselineVersion());
            godwit.baseline(version, properties.getBaselineDescription());
            LOG.info("godwit: the database had tables and no history: recorded a baseline at {} "
                    + "(godwit.baseline-on-migrate)", version);
        }
        if (properties.isValidateOnMigrate()) {
            List<StatusEntry> problems = godwit.validate().problems();
            if (!problems.isEmpty()) {
                throw new GodwitException(ErrorCode.VALIDATION_FAILED, "validation failed before migrating, nothing "
                        + "was changed:\n  " + problems.stream().map(StartupMigration::describe)
                        .collect(Collectors.joining("\n  ")), "put back the applied migrations' files as they "
                        + "were applied (or run 'godwit repair' after checking the database); "
                        + "godwit.validate-on-migrate=false tolerates only files that are gone");
            }
        }
        PlanRequest.Up request = Up.all();
        if (properties.isOutOfOrder()) {
            request = request.allowingOutOfOrder();
        }
        if (!properties.isValidateOnMigrate()) {
            request = request.ignoringMissing();
        }
        godwit.up(request);
    }

    private static String describe(StatusEntry e) {
        return e.version().text() + " (" + e.script() + "): " + e.state().label()
                + (e.note() == null ? "" : " (" + e.note() + ")");
    }

    /** Whether the database holds tables or views other than Godwit's own (in the configured schema). */
    private boolean hasTables(Godwit godwit) {
        String history = godwit.config().table();
        Set<String> own = Set.of(history, SchemaStore.tableFor(history), SchemaStore.lockTableFor(history),
                dev.godwit.dialect.HistoryTable.upToDateTable(history));
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData metadata = c.getMetaData();
            boolean postgres = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            String schema = postgres ? (godwit.config().schema() == null ? "public" : godwit.config().schema()) : null;
            try (ResultSet tables = metadata.getTables(null, schema, "%", new String[] {"TABLE", "VIEW"})) {
                while (tables.next()) {
                    String name = tables.getString("TABLE_NAME");
                    if (!own.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith("sqlite_")) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new GodwitException(ErrorCode.DATABASE, "baseline-on-migrate: listing the database's tables failed: "
                    + e.getMessage(), "check the DataSource", e);
        }
    }
}
