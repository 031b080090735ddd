package dev.godwit.spring;

import dev.godwit.Godwit;

/**
 * What the application does with Godwit at startup, in place of {@code godwit.up()}: e.g. only validate, or
 * plan and log. Declare one bean to replace the default.
 */
@FunctionalInterface
public interface GodwitMigrationStrategy {
    /**
     * Migrates (or not).
     *
     * @param godwit the configured Godwit
     */
    void migrate(Godwit godwit);
}
