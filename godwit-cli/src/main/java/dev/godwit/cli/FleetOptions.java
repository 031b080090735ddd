package dev.godwit.cli;

import picocli.CommandLine.Option;

/** Options of commands that run on a fleet of databases ({@code up}, {@code status}). */
final class FleetOptions {
    @Option(names = "--each", paramLabel = "GLOB|@FILE",
            description = "Run on every SQLite file matching GLOB ('tenants/*.db'), or on each URL or path listed "
                    + "in FILE (one a line, # comments), each on its own.")
    String each;

    @Option(names = "--each-schema", paramLabel = "LIKE",
            description = "PostgreSQL: run on every schema of the database whose name matches LIKE ('tenant_%%'), "
                    + "each on its own, its history table in that schema.")
    String eachSchema;

    @Option(names = "--jobs", paramLabel = "N",
            description = "With --each: databases at once. Default: the number of processors.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N|auto",
            description = "With --each: only this machine's slice I of N (1..N), chosen by hashing each database's "
                    + "name; auto: I from $JOB_COMPLETION_INDEX (+1), N from $GODWIT_SHARD_COUNT.")
    String shard;

    boolean given() {
        return each != null || eachSchema != null;
    }
}
