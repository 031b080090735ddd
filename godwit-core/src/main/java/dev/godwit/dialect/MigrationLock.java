package dev.godwit.dialect;

/** Held while a runner changes the database; closing releases it. */
public interface MigrationLock extends AutoCloseable {
    MigrationLock NONE = () -> { };

    @Override
    void close();
}
