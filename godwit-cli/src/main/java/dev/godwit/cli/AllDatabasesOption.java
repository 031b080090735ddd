package dev.godwit.cli;

import picocli.CommandLine.Option;

/** {@code --all}: every {@code [databases.NAME]} block of godwit.toml, in file order. */
final class AllDatabasesOption {
    @Option(names = "--all", description = "Run on every [databases.NAME] of godwit.toml, in turn.")
    boolean all;
}
