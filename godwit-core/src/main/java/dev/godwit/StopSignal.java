package dev.godwit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Asks a run to stop early, from another thread (a signal handler, an application shutting down). A run that sees
 * the request starts no further migration; {@link #abortInFlight()} also cancels the statement running now, so the
 * migration in flight rolls back. Either way the run ends as usual: lock released, a {@link GodwitException} with
 * {@link ErrorCode#STOPPED} saying what was applied and what was not.
 */
public final class StopSignal {
    private final List<Runnable> aborters = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /**
     * Asks the run to stop before its next migration; {@code reason} is shown ("SIGTERM", "shutdown").
     *
     * @param reason why, shown in the message
     */
    public void request(String reason) {
        this.reason = reason == null || reason.isBlank() ? "request" : reason;
    }

    /** @return whether a stop was requested */
    public boolean requested() {
        return reason != null;
    }

    /**
     * Why the stop was requested, or {@code null}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /** Cancels what runs now (a statement of the migration in flight), so its transaction rolls back. */
    public void abortInFlight() {
        aborters.forEach(Runnable::run);
    }

    /**
     * While the returned handle is open, {@link #abortInFlight()} calls {@code aborter}.
     *
     * @param aborter cancels the statement in flight
     * @return the handle; close it when the statement is done
     */
    public Registration onAbort(Runnable aborter) {
        aborters.add(aborter);
        return () -> aborters.remove(aborter);
    }

    /** A registered aborter; closing it unregisters. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
