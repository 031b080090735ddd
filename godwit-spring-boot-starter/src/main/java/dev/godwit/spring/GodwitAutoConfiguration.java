package dev.godwit.spring;

import dev.godwit.Godwit;
import dev.godwit.GodwitCallback;
import dev.godwit.GodwitConfig;
import dev.godwit.source.JavaMigrations;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Migrates the application's {@code DataSource} at startup, as Flyway's auto-configuration does: after the
 * DataSource, before JDBC operations, JPA and repositories. Off with {@code godwit.enabled=false}. Serves Spring
 * Boot 3.5 and 4.0: the DataSource auto-configuration is named in both of its packages, and the Actuator health
 * indicator comes in the flavour of the Actuator present.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
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
                .locations(properties.getLocations().toArray(String[]::new))
                .placeholders(properties.getPlaceholders()).versionTable(properties.getVersionTable());
        properties.getJavaPackages().forEach(p -> builder.source(JavaMigrations.inPackage(p, loader)));
        callbacks.orderedStream().forEach(builder::callback);
        return Godwit.create(builder.build());
    }

    /**
     * The bean that migrates at startup.
     *
     * @param godwit     the configured Godwit
     * @param dataSource the application's DataSource (baseline-on-migrate looks for tables in it)
     * @param properties the {@code godwit.*} properties
     * @param strategy   the application's strategy, if it declared one
     * @return the initializer
     */
    @Bean
    @ConditionalOnMissingBean
    public GodwitMigrationInitializer godwitMigrationInitializer(Godwit godwit, DataSource dataSource,
                                                                 GodwitProperties properties,
                                                                 ObjectProvider<GodwitMigrationStrategy> strategy) {
        GodwitMigrationStrategy chosen = strategy.getIfAvailable(() -> new StartupMigration(dataSource, properties));
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

    /** Actuator's health endpoint (Spring Boot 3.5): {@code godwit} UP at the current version, else DOWN saying why. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "godwitHealthIndicator")
        GodwitHealthIndicator godwitHealthIndicator(Godwit godwit) {
            return new GodwitHealthIndicator(godwit);
        }
    }

    /** The same for Spring Boot 4, whose health indicators live in the spring-boot-health module. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health4 {
        @Bean
        @ConditionalOnMissingBean(name = "godwitHealthIndicator")
        dev.godwit.spring.boot4.GodwitHealthIndicator godwitHealthIndicator(Godwit godwit) {
            return new dev.godwit.spring.boot4.GodwitHealthIndicator(godwit);
        }
    }
}
