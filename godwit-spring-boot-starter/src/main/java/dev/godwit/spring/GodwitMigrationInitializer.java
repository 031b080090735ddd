package dev.godwit.spring;

import dev.godwit.Godwit;
import java.util.Objects;
import org.springframework.beans.factory.InitializingBean;

/**
 * The bean that migrates when the context starts; JDBC operations, JPA and repositories are made to depend on it
 * (see {@link GodwitDatabaseInitializerDetector}), so they never see an unmigrated schema.
 */
public class GodwitMigrationInitializer implements InitializingBean {
    private final Godwit godwit;
    private final GodwitMigrationStrategy strategy;

    /**
     * @param godwit   the configured Godwit
     * @param strategy what to do with it, or {@code null}: {@code godwit.up()} with the configured options
     */
    public GodwitMigrationInitializer(Godwit godwit, GodwitMigrationStrategy strategy) {
        this.godwit = Objects.requireNonNull(godwit, "godwit");
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        if (strategy != null) {
            strategy.migrate(godwit);
        } else {
            godwit.up();
        }
    }
}
