package dev.godwit;

import dev.godwit.plan.Direction;
import dev.godwit.plan.Step;
import dev.godwit.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a run tells its {@link GodwitListener}, as values: a CLI prints them, an application counts or logs them.
 * {@link #message()} is a line for people; the components are for programs.
 */
public sealed interface GodwitEvent {
    /**
     * A line for people, in no front end's words.
     *
     * @return the line
     */
    String message();

    /** A run planned its steps and is about to take them (or, as a dry run, only show them). */
    record RunStarted(Direction direction, List<Step> steps, boolean dryRun) implements GodwitEvent {
        /**
         * Copies the steps.
         *
         * @param direction up or down
         * @param steps     the planned steps
         * @param dryRun    whether it only shows them
         */
        public RunStarted {
            Objects.requireNonNull(direction, "direction");
            steps = List.copyOf(steps);
        }

        @Override
        public String message() {
            return (dryRun ? "would " : "") + (direction == Direction.UP ? "apply " : "revert ") + steps.size()
                    + " migration(s)";
        }
    }

    /** One migration starts (up or down, as its step says). */
    record MigrationStarted(Step step) implements GodwitEvent {
        @Override
        public String message() {
            return (step.direction() == Direction.UP ? "applying " : "reverting ") + step.file();
        }
    }

    /** A statement of a migration is about to run. */
    record StatementStarted(Step step, Statement statement) implements GodwitEvent {
        @Override
        public String message() {
            return step.file() + ":" + statement.line() + ": " + statement.sql();
        }
    }

    /**
     * How far a large migration file (one read as it runs) has got: sent about once a second while it runs.
     *
     * @param bytesDone  bytes of the file read so far
     * @param bytesTotal the file's size
     * @param elapsedMs  time since the migration's statements started
     */
    record Progress(Step step, long bytesDone, long bytesTotal, long elapsedMs) implements GodwitEvent {
        /** Bytes per second so far. */
        public double rate() {
            return elapsedMs == 0 ? 0 : bytesDone * 1000.0 / elapsedMs;
        }

        /** Seconds left at the rate so far, or -1 when not known yet. */
        public long secondsLeft() {
            double rate = rate();
            return rate <= 0 ? -1 : (long) Math.ceil((bytesTotal - bytesDone) / rate);
        }

        @Override
        public String message() {
            long mb = 1 << 20;
            return step.file() + ": " + bytesDone / mb + " of " + bytesTotal / mb + " MB ("
                    + (bytesTotal == 0 ? 100 : bytesDone * 100 / bytesTotal) + "%), " + Math.round(rate() / mb)
                    + " MB/s" + (secondsLeft() < 0 ? "" : ", about " + secondsLeft() + " s left");
        }
    }

    /**
     * A migration was applied (or, for a down step, reverted) and recorded.
     *
     * @param alreadyDone true when another runner did it first
     */
    record MigrationApplied(Step step, long executionMs, boolean alreadyDone) implements GodwitEvent {
        @Override
        public String message() {
            return (step.direction() == Direction.UP ? "applied " : "reverted ") + step.file()
                    + (alreadyDone ? " (already done by another runner)" : " (" + executionMs + " ms)");
        }
    }

    /** A migration failed; the error follows as an exception. */
    record MigrationFailed(Step step) implements GodwitEvent {
        @Override
        public String message() {
            return step.file() + " failed";
        }
    }

    /**
     * A backup of the database was taken before the first change of a run.
     *
     * @param removed older backups removed to keep the configured number
     */
    record BackupTaken(Path backup, List<Path> removed, int kept) implements GodwitEvent {
        /**
         * Checks that the file is given.
         *
         * @param backup  the backup file
         * @param removed older backups removed
         * @param kept    how many are kept
         */
        public BackupTaken {
            Objects.requireNonNull(backup, "backup");
            removed = List.copyOf(removed);
        }

        @Override
        public String message() {
            return "backup: " + backup + (removed.isEmpty() ? "" : " (kept the newest " + kept + ", removed "
                    + removed.size() + " older)");
        }
    }

    /**
     * The run waits for the migration lock that another runner holds.
     *
     * @param holder who holds the lock, as far as the engine can tell
     * @param timeout how long the run waits before it gives up
     */
    record LockWaited(String holder, Duration timeout, String message) implements GodwitEvent {
        /**
         * Checks that the message is given.
         *
         * @param holder  who holds the lock
         * @param timeout how long this runner waits
         * @param message the line
         */
        public LockWaited {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Something the user should know that does not stop the run. */
    record Warning(String message) implements GodwitEvent {
    }

    /** Other progress (checks passed, a repair done, a rehearsal's stand-in, ...). */
    record Info(String message) implements GodwitEvent {
    }
}
