package dev.godwit;

import dev.godwit.plan.PlanRequest;

/**
 * Requests to apply migrations, read as English: {@code godwit.up(Up.to("3"))}, {@code godwit.plan(Up.all())}.
 * Each returns a {@link PlanRequest.Up}, whose withers add the rest ({@code Up.all().allowingOutOfOrder()}).
 */
public final class Up {
    private Up() {
    }

    /**
     * Every pending migration.
     *
     * @return the request
     */
    public static PlanRequest.Up all() {
        return PlanRequest.Up.all();
    }

    /**
     * Pending migrations up to and including {@code version}.
     *
     * @param version the last version to apply
     * @return the request
     */
    public static PlanRequest.Up to(String version) {
        return PlanRequest.Up.all().to(version);
    }

    /**
     * At most {@code n} pending migrations, oldest first.
     *
     * @param n how many
     * @return the request
     */
    public static PlanRequest.Up steps(int n) {
        return PlanRequest.Up.all().steps(n);
    }
}
