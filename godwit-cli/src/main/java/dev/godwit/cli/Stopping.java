package dev.godwit.cli;

import dev.godwit.StopSignal;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM during a run: the first asks the run to stop before its next migration and gives the
 * migration in flight {@link #GRACE_SECONDS} to finish, then cancels its statement so that it rolls back; the run
 * then releases its lock, says what it applied and what not, and exits 130 (SIGINT) or 143 (SIGTERM). A run still
 * busy {@link #LAST_CHANCE_SECONDS} later (waiting on a lock, say), and a second signal, end the process at once.
 */
final class Stopping {
    static final int GRACE_SECONDS = 3;
    static final int LAST_CHANCE_SECONDS = 5;

    private Stopping() {
    }

    static void install(StopSignal stop, PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal(stop, err, "SIG" + signal.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // the JVM keeps this signal (e.g. -Xrs): its default behaviour stays
            }
        }
    }

    /** 130 for SIGINT, 143 for SIGTERM (128 + the signal's number), 130 when stopped otherwise. */
    static int exitCode(StopSignal stop) {
        return "SIGTERM".equals(stop.reason()) ? 143 : 130;
    }

    private static synchronized void onSignal(StopSignal stop, PrintStream err, String name) {
        if (stop.requested()) {
            err.println("godwit: " + name + " again: stopping at once");
            err.flush();
            Runtime.getRuntime().halt(exitCode(stop));
        }
        stop.request(name);
        err.println("godwit: " + name + ": stopping after the migration in flight (cancelled in " + GRACE_SECONDS
                + " s if still running; again to stop at once)");
        err.flush();
        Thread watchdog = new Thread(() -> {
            sleep(GRACE_SECONDS);
            stop.abortInFlight();
            sleep(LAST_CHANCE_SECONDS);
            err.println("godwit: " + name + ": the run did not stop in time; stopping at once");
            err.flush();
            Runtime.getRuntime().halt(exitCode(stop));
        }, "godwit-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void sleep(int seconds) {
        try {
            TimeUnit.SECONDS.sleep(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
