package dev.godwit.drift;

import java.util.Objects;

/**
 * The schema Godwit recorded after a run.
 *
 * @param snapshot    the catalog listing
 * @param fingerprint its fingerprint as recorded
 * @param version     the database's version after that run ({@code null}: none applied)
 * @param recordedAt  when (UTC ISO-8601)
 */
public record RecordedSchema(SchemaSnapshot snapshot, String fingerprint, String version, String recordedAt) {
    public RecordedSchema {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
