package dev.godwit.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link GodwitMigrationInitializer} initializes the database, so that beans depending on
 * database initialization (JdbcTemplate, JPA's EntityManagerFactory, repositories) are created after it.
 */
public class GodwitDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(GodwitMigrationInitializer.class);
    }
}
