package dev.godwit.cli;

import dev.godwit.GodwitListener;
import dev.godwit.plan.Direction;
import dev.godwit.plan.Step;
import java.io.PrintStream;

/** Human progress on stderr. */
final class CliListener implements GodwitListener {
    private final PrintStream err;
    private final boolean quiet;
    private final boolean verbose;

    CliListener(PrintStream err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void warning(String message) {
        err.println("warning: " + CliWords.render(message));
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            err.println(message);
        }
    }

    @Override
    public void stepStarted(Step step) {
        if (!quiet) {
            err.print((step.direction() == Direction.UP ? "applying  " : "reverting ") + step.file() + " ... ");
            err.flush();
            if (verbose) {
                err.println();
            }
        }
    }

    @Override
    public void stepFailed(Step step) {
        if (!quiet) {
            err.println("FAILED");
        }
    }

    @Override
    public void stepFinished(Step step, long executionMs, boolean alreadyDone) {
        if (!quiet) {
            err.println(alreadyDone ? "already done by another runner" : "ok (" + executionMs + " ms)");
        }
    }
}
