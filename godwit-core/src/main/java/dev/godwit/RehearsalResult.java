package dev.godwit;

import dev.godwit.migration.Version;

/**
 * What a rehearsal did: the plan really ran, on a throwaway stand-in for the database, and was thrown away.
 *
 * @param run       the run on the stand-in (its steps carry their timings)
 * @param elapsedMs wall time of the whole rehearsal, copy included
 * @param where     what the stand-in was (e.g. the copy's path), for messages
 * @param current   the real database's current version, which the rehearsal did not change; null when none
 */
public record RehearsalResult(RunResult run, long elapsedMs, String where, Version current) {
}
