package dev.godwit.spring;

import java.util.ArrayList;
import java.util.List;
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
}
