package dev.godwit.cli;

import dev.godwit.GodwitEvent;
import dev.godwit.GodwitListener;
import dev.godwit.plan.Direction;
import java.io.PrintStream;

/** Human progress on stderr: the library's typed events, printed in the CLI's words. */
final class CliListener implements GodwitListener {
    private final PrintStream err;
    private final boolean quiet;
    private final boolean verbose;
    /** Progress lines go to a terminal only (rewritten in place); logs and pipes get none. */
    private final boolean terminal = System.console() != null;
    private boolean progressShown;

    CliListener(PrintStream err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void on(GodwitEvent event) {
        if (event instanceof GodwitEvent.Warning w) {
            err.println("warning: " + CliWords.render(w.message()));
        } else if (quiet || event instanceof GodwitEvent.RunStarted || event instanceof GodwitEvent.StatementStarted) {
            return; // the plan is printed by the command; statements by --verbose logging
        } else if (event instanceof GodwitEvent.MigrationStarted s) {
            err.print((s.step().direction() == Direction.UP ? "applying  " : "reverting ") + s.step().file()
                    + " ... ");
            err.flush();
            if (verbose) {
                err.println();
            }
        } else if (event instanceof GodwitEvent.Progress p) {
            if (terminal) {
                err.print((progressShown ? "\r" : "\n") + "  " + p.message() + "    ");
                err.flush();
                progressShown = true;
            }
        } else if (event instanceof GodwitEvent.MigrationFailed) {
            endProgress();
            err.println("FAILED");
        } else if (event instanceof GodwitEvent.MigrationApplied a) {
            endProgress();
            err.println(a.alreadyDone() ? "already done by another runner" : "ok (" + a.executionMs() + " ms)");
        } else {
            err.println(CliWords.render(event.message()));
        }
    }

    private void endProgress() {
        if (progressShown) {
            err.println();
            progressShown = false;
        }
    }
}
