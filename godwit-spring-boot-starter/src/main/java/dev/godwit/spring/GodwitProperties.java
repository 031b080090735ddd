package dev.godwit.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code godwit.*} properties of an application.
 */
@ConfigurationProperties(prefix = "godwit")
public class GodwitProperties {
    private boolean enabled = true;
    private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
    private List<String> javaPackages = new ArrayList<>();
    private String table = "godwit_history";
    private String schema;
    private boolean outOfOrder;
    private String journalMode;
    private Map<String, String> placeholders = new LinkedHashMap<>();
    private boolean baselineOnMigrate;
    private String baselineVersion = "1";
    private String baselineDescription = "baseline";
    private boolean validateOnMigrate = true;
    private String versionTable;

    /**
     * @return a single-row version table ({@code schema_version}) to adopt the database from when history is empty
     *         and to keep at the newest applied version, or {@code null} (default: none)
     */
    public String getVersionTable() {
        return versionTable;
    }

    /** @param versionTable the version table's name, or {@code null} */
    public void setVersionTable(String versionTable) {
        this.versionTable = versionTable;
    }

    /** @return whether to migrate at startup (default true) */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether to migrate at startup */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return where SQL migrations are read from (default {@code classpath:db/migration}) */
    public List<String> getLocations() {
        return locations;
    }

    /** @param locations folders and {@code classpath:} folders */
    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    /** @return packages searched for Java migrations */
    public List<String> getJavaPackages() {
        return javaPackages;
    }

    /** @param javaPackages packages searched for Java migrations */
    public void setJavaPackages(List<String> javaPackages) {
        this.javaPackages = javaPackages;
    }

    /** @return the history table (default {@code godwit_history}) */
    public String getTable() {
        return table;
    }

    /** @param table the history table */
    public void setTable(String table) {
        this.table = table;
    }

    /** @return the PostgreSQL schema, or {@code null} for public */
    public String getSchema() {
        return schema;
    }

    /** @param schema the PostgreSQL schema */
    public void setSchema(String schema) {
        this.schema = schema;
    }

    /** @return whether pending migrations older than the newest applied one are applied too */
    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    /** @param outOfOrder whether to apply migrations out of order */
    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    /** @return the SQLite journal mode to set, or {@code null} to leave existing files alone */
    public String getJournalMode() {
        return journalMode;
    }

    /** @param journalMode the SQLite journal mode */
    public void setJournalMode(String journalMode) {
        this.journalMode = journalMode;
    }

    /** @return values of {@code ${name}} placeholders in Flyway-format migrations ({@code godwit.placeholders.NAME}) */
    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    /** @param placeholders values of {@code ${name}} placeholders */
    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * @return whether a database that has tables but no history is first recorded as at {@link #getBaselineVersion()}
     *         (default false: such a database gets every migration, which usually fails on the first CREATE)
     */
    public boolean isBaselineOnMigrate() {
        return baselineOnMigrate;
    }

    /** @param baselineOnMigrate whether to baseline a database that has tables but no history */
    public void setBaselineOnMigrate(boolean baselineOnMigrate) {
        this.baselineOnMigrate = baselineOnMigrate;
    }

    /** @return the version recorded by baseline-on-migrate (default {@code 1}); migrations up to it do not run */
    public String getBaselineVersion() {
        return baselineVersion;
    }

    /** @param baselineVersion the version recorded by baseline-on-migrate */
    public void setBaselineVersion(String baselineVersion) {
        this.baselineVersion = baselineVersion;
    }

    /** @return the description of the baseline row (default {@code baseline}) */
    public String getBaselineDescription() {
        return baselineDescription;
    }

    /** @param baselineDescription the description of the baseline row */
    public void setBaselineDescription(String baselineDescription) {
        this.baselineDescription = baselineDescription;
    }

    /**
     * @return whether startup first validates (default true): any problem (an applied migration edited, missing or
     *         failed; one pending out of order) stops it, all named at once. False: that check is skipped and only
     *         applied migrations whose files are gone are tolerated; {@code up} still refuses edited files and failed
     *         rows, which are never run over
     */
    public boolean isValidateOnMigrate() {
        return validateOnMigrate;
    }

    /** @param validateOnMigrate whether startup validates before migrating */
    public void setValidateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
    }
}
