package dev.godwit.dialect;

/** Held while a runner changes the database; closing releases it. */
public interface MigrationLock extends AutoCloseable {
    MigrationLock NONE = () -> { };

    /**
     * Whether taking the lock had to wait for another runner; engines that cannot tell answer true, so that
     * history that moved on before the lock was taken is put down to another runner either way.
     */
    default boolean waited() {
        return true;
    }

    @Override
    void close();
}
