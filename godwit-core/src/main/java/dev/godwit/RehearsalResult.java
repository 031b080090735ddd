package dev.godwit;

/**
 * What a rehearsal did: the plan really ran, on a throwaway stand-in for the database, and was thrown away.
 *
 * @param run       the run on the stand-in (its steps carry their timings)
 * @param elapsedMs wall time of the whole rehearsal, copy included
 * @param where     what the stand-in was (e.g. the copy's path), for messages
 */
public record RehearsalResult(RunResult run, long elapsedMs, String where) {
}
