package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code [databases.NAME]} blocks of godwit.toml a command runs on: {@code --db NAME} (repeatable) or
 * {@code --all}; and where each database is ({@code url}, or {@code locate = "walk-up:REL"}: the first folder
 * from the working directory upwards that holds REL).
 */
final class Databases {
    private static final String WALK_UP = "walk-up:";

    /**
     * One database to run on.
     *
     * @param section its block
     * @param url     the URL {@code locate} found (null: the block's url)
     * @param skipped why an optional database is left out (null: run it)
     */
    record Target(ConfigFile.Section section, String url, String skipped) {
        String name() {
            return section.name();
        }
    }

    private Databases() {
    }

    /**
     * The databases chosen with {@code --db} and {@code --all}, or null when the run is the usual one database
     * (neither given). Refuses unknown names, and {@code --url}/{@code --dir} next to them.
     */
    static List<Target> select(GodwitCli root, boolean all) {
        List<String> names = root.global.databases == null ? List.of() : root.global.databases;
        if (names.isEmpty() && !all) {
            return null;
        }
        if (root.global.url != null || root.global.dir != null) {
            throw new GodwitException(ErrorCode.USAGE, (root.global.url != null ? "--url" : "--dir") + " with "
                    + (all ? "--all" : "--db") + ": each database's url and dir are set in its [databases.NAME] block",
                    "drop " + (root.global.url != null ? "--url" : "--dir") + ", or drop " + (all ? "--all" : "--db"));
        }
        ConfigFile file = root.baseSettings().file();
        if (file == null || file.databases().isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, (all ? "--all" : "--db " + names.get(0)) + ": "
                    + (file == null ? "there is no " + ConfigFile.NAME + " in " + root.cwd + " or its parents"
                    : file.file() + " has no [databases.NAME] block"),
                    "add a [databases.NAME] block with its url and dir per database (see 'Several databases' in "
                            + "the README)");
        }
        List<ConfigFile.Section> chosen = new ArrayList<>();
        if (all) {
            chosen.addAll(file.databases().values());
        } else {
            for (String name : names) {
                ConfigFile.Section s = file.databases().get(name);
                if (s == null) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "--db " + name + ": no [databases." + name
                            + "] in " + file.file(), "choose one of: " + String.join(", ", file.databases().keySet()));
                }
                if (!chosen.contains(s)) {
                    chosen.add(s);
                }
            }
        }
        List<Target> targets = new ArrayList<>();
        for (ConfigFile.Section s : chosen) {
            targets.add(locate(root, file, s));
        }
        return targets;
    }

    /** Where one block's database is; a required one that cannot be found is an error naming where it looked. */
    static Target locate(GodwitCli root, ConfigFile file, ConfigFile.Section s) {
        if (s.locate() == null) {
            Object url = s.settings().containsKey(SettingKey.URL) ? s.settings().get(SettingKey.URL).value() : null;
            if (url == null) {
                throw new GodwitException(ErrorCode.CONFIGURATION, file.file() + ":" + s.line() + ": [databases."
                        + s.name() + "] has neither url nor locate", "add url = \"sqlite:...\" or locate = "
                        + "\"walk-up:.app/app.db\" to it");
            }
            if (s.optional() && sqliteFile(url.toString()) != null && !Files.exists(sqliteFile(url.toString()))) {
                return new Target(s, null, "optional, and " + sqliteFile(url.toString()) + " does not exist");
            }
            return new Target(s, null, null);
        }
        String locate = s.locate().value().toString();
        Path found;
        String lookedFor;
        if (locate.startsWith(WALK_UP)) {
            String rel = locate.substring(WALK_UP.length());
            found = null;
            for (Path d = root.cwd; d != null; d = d.getParent()) {
                if (Files.exists(d.resolve(rel))) {
                    found = d.resolve(rel).normalize();
                    break;
                }
            }
            lookedFor = rel + " in " + root.cwd + " and each folder above it";
        } else {
            Path p = Expansion.path(locate, root.baseSettings().home(), file.file().getParent());
            found = Files.exists(p) ? p : null;
            lookedFor = p.toString();
        }
        if (found != null) {
            return new Target(s, "sqlite:" + found, null);
        }
        if (s.optional()) {
            return new Target(s, null, "optional, and not found: looked for " + lookedFor);
        }
        throw new GodwitException(ErrorCode.CONFIGURATION, "database " + s.name() + " not found: looked for "
                + lookedFor, "run godwit from inside the project, create the database, or mark it optional = true "
                + "in [databases." + s.name() + "] of " + file.file());
    }

    private static Path sqliteFile(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"jdbc:sqlite:", "libsql:file:", "sqlite://", "sqlite:", "file:"}) {
            if (lower.startsWith(prefix)) {
                String path = url.substring(prefix.length());
                return Path.of(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
            }
        }
        return lower.contains(":") ? null : Path.of(url);
    }
}
