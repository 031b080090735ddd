/**
 * The migration set half, knowing no database: a {@link dev.godwit.source.MigrationSource} reads a location through a
 * {@link dev.godwit.source.ResourceProvider} and one {@link dev.godwit.source.MigrationFormat} per naming scheme into a
 * {@link dev.godwit.migration.MigrationSet}. A new format is one new class implementing {@code MigrationFormat}.
 */
package dev.godwit.source;
