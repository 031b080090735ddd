/**
 * Internal: the postgres engine behind its {@link dev.godwit.dialect.Dialect}. Not part of the library's API;
 * applications ask the dialect's {@link dev.godwit.dialect.Capabilities} and use
 * {@link dev.godwit.dialect.BackupStore} rather than this package's classes. It may change in any release.
 */
package dev.godwit.dialect.postgres;
