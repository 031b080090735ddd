package dev.godwit;

import dev.godwit.plan.PlanRequest;

/**
 * Requests to roll migrations back, read as English: {@code godwit.down(Down.one())}, {@code godwit.down(Down.to("3"))}.
 */
public final class Down {
    private Down() {
    }

    /**
     * The newest applied migration.
     *
     * @return the request
     */
    public static PlanRequest.Down one() {
        return PlanRequest.Down.one();
    }

    /**
     * The newest {@code n} applied migrations.
     *
     * @param n how many
     * @return the request
     */
    public static PlanRequest.Down steps(int n) {
        return PlanRequest.Down.one().steps(n);
    }

    /**
     * Everything newer than {@code version}, which stays applied.
     *
     * @param version the version to go back to
     * @return the request
     */
    public static PlanRequest.Down to(String version) {
        return PlanRequest.Down.one().to(version);
    }

    /**
     * Every applied migration.
     *
     * @return the request
     */
    public static PlanRequest.Down everything() {
        return PlanRequest.Down.everything();
    }
}
