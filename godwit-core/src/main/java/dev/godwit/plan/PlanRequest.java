package dev.godwit.plan;

import dev.godwit.migration.Version;

/**
 * What the user asked for. Read best through the named factories and withers:
 * {@code PlanRequest.up().to("3").allowingOutOfOrder()}, {@code PlanRequest.down().steps(2)}.
 */
public sealed interface PlanRequest {

    /**
     * Apply every pending migration.
     *
     * @return every pending migration, to be narrowed
     */
    static Up up() {
        return Up.all();
    }

    /**
     * Roll back the newest applied migration.
     *
     * @return the newest applied migration, to be widened
     */
    static Down down() {
        return Down.one();
    }

    /**
     * Apply pending migrations.
     *
     * @param step          at most this many (0: no limit)
     * @param to            only up to and including this version ({@code null}: no limit)
     * @param outOfOrder    also apply pending migrations older than the newest applied one
     * @param ignoreMissing do not refuse when an applied migration's file is gone
     */
    record Up(int step, Version to, boolean outOfOrder, boolean ignoreMissing) implements PlanRequest {
        /**
         * Validates: {@code step} is zero or more.
         *
         * @param step          at most this many (0: no limit)
         * @param to            only up to this version, or {@code null}
         * @param outOfOrder    also apply older pending migrations
         * @param ignoreMissing do not refuse missing files
         */
        public Up {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0");
            }
        }

        /** @return every pending migration */
        public static Up all() {
            return new Up(0, null, false, false);
        }

        /**
         * At most {@code n} migrations.
         *
         * @param n how many
         * @return the request
         */
        public Up steps(int n) {
            return new Up(n, to, outOfOrder, ignoreMissing);
        }

        /**
         * Only up to and including {@code version}.
         *
         * @param version the last version to apply
         * @return the request
         */
        public Up to(String version) {
            return new Up(step, Version.parse(version), outOfOrder, ignoreMissing);
        }

        /**
         * Also pending migrations older than the newest applied one.
         *
         * @return the request
         */
        public Up allowingOutOfOrder() {
            return new Up(step, to, true, ignoreMissing);
        }

        /**
         * Without refusing applied migrations whose files are gone.
         *
         * @return the request
         */
        public Up ignoringMissing() {
            return new Up(step, to, outOfOrder, true);
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
        /**
         * Validates: {@code step} is zero or more, and at most one of step, to and all is given.
         *
         * @param step how many
         * @param to   roll back everything newer than this version
         * @param all  roll back everything
         */
        public Down {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0");
            }
            int given = (step > 0 ? 1 : 0) + (to != null ? 1 : 0) + (all ? 1 : 0);
            if (given > 1) {
                throw new IllegalArgumentException("give only one of step, to and all");
            }
        }

        /** @return the newest applied migration */
        public static Down one() {
            return new Down(0, null, false);
        }

        /**
         * The newest {@code n} migrations.
         *
         * @param n how many
         * @return the request
         */
        public Down steps(int n) {
            return new Down(n, null, false);
        }

        /**
         * Everything newer than {@code version}, which stays applied.
         *
         * @param version the version that stays applied
         * @return the request
         */
        public Down to(String version) {
            return new Down(0, Version.parse(version), false);
        }

        /**
         * Everything.
         *
         * @return the request
         */
        public static Down everything() {
            return new Down(0, null, true);
        }
    }
}
