package dev.godwit.dialect;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds (or last held) the migration lock of a database that keeps a lease.
 *
 * @param owner      a random id of the runner, unique per run
 * @param host       the runner's host name
 * @param pid        the runner's process id on that host
 * @param acquiredAt when the lease was taken
 * @param expiresAt  when the lease runs out unless renewed
 */
public record LockHolder(String owner, String host, long pid, Instant acquiredAt, Instant expiresAt) {
    public LockHolder {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** "pid 123 on host db1 since 2025-01-01T12:00:00Z". */
    public String describe() {
        return "pid " + pid + " on host " + host + " since " + acquiredAt;
    }
}
