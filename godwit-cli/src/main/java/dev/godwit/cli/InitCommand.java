package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code godwit init}: a commented godwit.toml and an empty migrations folder in the working directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented godwit.toml and an empty migrations folder in the working directory; "
                + "refuses to overwrite an existing godwit.toml.")
final class InitCommand implements Callable<Integer> {
    static final String TEMPLATE = """
            # godwit.toml: settings for godwit in this folder and the folders below it.
            # Precedence: command line > environment (GODWIT_*, DATABASE_URL) > .env next to this file > this file.
            # Paths are relative to this file; ~ is your home folder; ${VAR} is an environment variable.
            # 'godwit config' shows the effective settings and where each came from.

            url = "sqlite:data/app.db"      # or postgres://user@host/db (password: PGPASSWORD), libsql://host
            dir = "migrations"              # the migrations folder
            # table = "godwit_history"      # the history table
            # schema = "public"             # PostgreSQL: schema for migrations and history
            # lock-timeout = 60             # seconds to wait for another runner or a busy database
            # request-timeout = 60          # remote libSQL: seconds to wait for one request
            # journal-mode = "WAL"          # SQLite: journal mode of a database godwit creates
            # out-of-order = false          # up also applies pending migrations older than the newest applied
            # protected = false             # ask before changing the database (as --confirm)
            # auth-token = "${TURSO_AUTH_TOKEN}"   # remote libSQL; never printed
            # load-extension = ["ext/vec0.so"]   # SQLite: loadable extensions for every connection

            # [backups]                     # SQLite: a backup before each run that changes the file
            # keep = 5
            # off = false

            # [placeholders]                # kept for migrations that use ${name} placeholders
            # owner = "app"

            # [environments.prod]           # chosen with --env prod or GODWIT_ENV=prod
            # url = "${PROD_DATABASE_URL}"
            # protected = true
            """;

    @ParentCommand
    GodwitCli root;

    @Override
    public Integer call() {
        Path file = root.cwd.resolve(ConfigFile.NAME);
        if (Files.exists(file)) {
            throw new GodwitException(ErrorCode.USAGE, file + " exists already; nothing was written",
                    "edit it, or run 'godwit config' to see what it sets");
        }
        Path dir = root.cwd.resolve("migrations");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, TEMPLATE, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot write " + file + ": " + e.getMessage(),
                    "check that the folder is writable");
        }
        root.out.println(file);
        root.out.println(dir + "/");
        if (!root.global.quiet) {
            root.err.println("next: godwit new create_first_table, then godwit up");
        }
        return 0;
    }
}
