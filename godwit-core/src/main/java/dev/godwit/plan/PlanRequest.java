package dev.godwit.plan;

import dev.godwit.migration.Version;

/** What the user asked for. */
public sealed interface PlanRequest {

    /**
     * Apply pending migrations.
     *
     * @param step          at most this many (0: no limit)
     * @param to            only up to and including this version ({@code null}: no limit)
     * @param outOfOrder    also apply pending migrations older than the newest applied one
     * @param ignoreMissing do not refuse when an applied migration's file is gone
     */
    record Up(int step, Version to, boolean outOfOrder, boolean ignoreMissing) implements PlanRequest {
        public Up {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0");
            }
        }

        public static Up all() {
            return new Up(0, null, false, false);
        }
    }

    /**
     * Roll back applied migrations, newest first.
     *
     * @param step how many (0 with neither {@code to} nor {@code all}: one)
     * @param to   roll back everything newer than this version, which stays applied
     * @param all  roll back everything
     */
    record Down(int step, Version to, boolean all) implements PlanRequest {
        public Down {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0");
            }
            int given = (step > 0 ? 1 : 0) + (to != null ? 1 : 0) + (all ? 1 : 0);
            if (given > 1) {
                throw new IllegalArgumentException("give only one of step, to and all");
            }
        }

        public static Down one() {
            return new Down(0, null, false);
        }
    }
}
