package dev.godwit.plan;

import dev.godwit.migration.Version;

/**
 * One line of {@code status}.
 *
 * @param version     version
 * @param description description (from the file, else from history)
 * @param script      file name
 * @param state       where it stands
 * @param checksum    checksum of the file's up section, else the recorded one
 * @param appliedAt   when applied, or {@code null}
 * @param executionMs how long it took, or {@code null}
 * @param note        extra detail (where a failed migration stopped), or {@code null}
 */
public record StatusEntry(Version version, String description, String script, State state, String checksum,
                          String appliedAt, Long executionMs, String note) {
}
