package dev.godwit.migration;

import java.util.Objects;

/**
 * One direction of a {@link JavaMigration}: its {@code up} or its {@code down}.
 *
 * @param file        where it comes from, for messages ({@code java:} and the class name)
 * @param migration   the migration
 * @param up          {@code true}: {@link JavaMigration#up}; {@code false}: {@link JavaMigration#down}
 * @param directives  its switches (no transaction when the migration says so)
 * @param fingerprint the text its checksum is taken of: the declared checksum, or a hash of the class's bytes
 */
public record JavaBody(String file, JavaMigration migration, boolean up, Directives directives, String fingerprint)
        implements MigrationBody {
    public JavaBody {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(directives, "directives");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
