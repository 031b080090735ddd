package dev.godwit.spring;

import dev.godwit.Godwit;
import dev.godwit.GodwitCallback;
import dev.godwit.GodwitConfig;
import dev.godwit.Up;
import dev.godwit.source.JavaMigrations;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Migrates the application's {@code DataSource} at startup, as Flyway's auto-configuration does: after the
 * DataSource, before JDBC operations, JPA and repositories. Off with {@code godwit.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Godwit.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "godwit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(GodwitProperties.class)
public class GodwitAutoConfiguration {
    /** Created by Spring. */
    public GodwitAutoConfiguration() {
    }

    /**
     * Godwit over the application's DataSource and the {@code godwit.*} properties, with the application's
     * callbacks.
     *
     * @param dataSource the application's DataSource
     * @param properties the {@code godwit.*} properties
     * @param callbacks  the application's {@link GodwitCallback} beans
     * @return the configured Godwit
     */
    @Bean
    @ConditionalOnMissingBean
    public Godwit godwit(DataSource dataSource, GodwitProperties properties,
                         ObjectProvider<GodwitCallback> callbacks) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        GodwitConfig.Builder builder = GodwitConfig.builder().dataSource(dataSource).table(properties.getTable())
                .schema(properties.getSchema()).journalMode(properties.getJournalMode()).classLoader(loader)
                .locations(properties.getLocations().toArray(String[]::new));
        properties.getJavaPackages().forEach(p -> builder.source(JavaMigrations.inPackage(p, loader)));
        callbacks.orderedStream().forEach(builder::callback);
        return Godwit.create(builder.build());
    }

    /**
     * The bean that migrates at startup.
     *
     * @param godwit     the configured Godwit
     * @param properties the {@code godwit.*} properties
     * @param strategy   the application's strategy, if it declared one
     * @return the initializer
     */
    @Bean
    @ConditionalOnMissingBean
    public GodwitMigrationInitializer godwitMigrationInitializer(Godwit godwit, GodwitProperties properties,
                                                                 ObjectProvider<GodwitMigrationStrategy> strategy) {
        GodwitMigrationStrategy chosen = strategy.getIfAvailable(() -> g -> g.up(properties.isOutOfOrder()
                ? Up.all().allowingOutOfOrder() : Up.all()));
        return new GodwitMigrationInitializer(godwit, chosen);
    }

    /** Actuator's info endpoint shows Godwit's current version and pending count, when Actuator is present. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
    static class Info {
        @Bean
        @ConditionalOnMissingBean
        GodwitInfoContributor godwitInfoContributor(Godwit godwit) {
            return new GodwitInfoContributor(godwit);
        }
    }
}
