package dev.godwit.cli;

import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The effective settings of one run and where each came from. Precedence: the command line, then the environment
 * ({@code GODWIT_*}, {@code DATABASE_URL}, …), then a {@code .env} file next to {@code godwit.toml} (or in the
 * working directory when there is none; a variable already set wins, as in dbmate), then the chosen
 * {@code [environments.NAME]} block, then the top of {@code godwit.toml}, then the defaults. Protection is the
 * exception: switched on at any level, it cannot be switched off by another.
 *
 * <p>Resolved once, before any database is touched; bad configuration is a {@link ErrorCode#CONFIGURATION} error.
 *
 * @param file        the configuration file in use, or null
 * @param dotEnv      the {@code .env} file read, or null
 * @param environment the chosen environment, or null
 * @param values      every key's value (null: not set) and source
 * @param env         the process environment with the {@code .env} entries under it
 * @param home        the home folder {@code ~} stands for
 */
record Settings(ConfigFile file, Path dotEnv, String environment, Map<SettingKey, Setting> values,
                Map<String, String> env, Path home) {
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "off", "");

    /** One key's value and where it came from ({@code command line --url}, {@code /p/godwit.toml:3}, ...). */
    record Setting(Object value, String source) {
    }

    /** What the command line said: the global options, and the database block chosen with {@code --db}. */
    record CommandLine(GlobalOptions global, Path cwd, Path home) {
    }

    static Settings resolve(CommandLine cli, Map<String, String> processEnv) {
        return resolve(cli, processEnv, null, null);
    }

    /**
     * @param database a {@code [databases.NAME]} block whose settings sit between the environment block and the
     *                 top of the file, or null; its url and dir come from the block (or the defaults), never
     *                 from the command line or the environment, which would point every database at one place
     * @param locatedUrl the URL its {@code locate} found, or null
     */
    static Settings resolve(CommandLine cli, Map<String, String> processEnv, ConfigFile.Section database,
                            String locatedUrl) {
        GlobalOptions g = cli.global();
        Path configPath = configPath(g, processEnv, cli.cwd());
        Path envFile = (configPath != null ? configPath.getParent() : cli.cwd()).resolve(".env");
        Map<String, String> env = new HashMap<>();
        Map<String, String> dotEnvSource = new HashMap<>();
        Path dotEnv = null;
        if (Files.isRegularFile(envFile)) {
            dotEnv = envFile.toAbsolutePath().normalize();
            for (Map.Entry<String, DotEnv.Entry> e : DotEnv.read(dotEnv, processEnv).entrySet()) {
                env.put(e.getKey(), e.getValue().value());
                dotEnvSource.put(e.getKey(), dotEnv + ":" + e.getValue().line());
            }
        }
        env.putAll(processEnv);
        ConfigFile file = configPath == null ? null : ConfigFile.read(configPath, env, cli.home());

        String environment = g.environment;
        if (environment == null) {
            environment = blankToNull(env.get("GODWIT_ENV"));
        }
        ConfigFile.Section chosen = null;
        if (environment != null) {
            if (file == null) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "environment '" + environment + "' chosen ("
                        + (g.environment != null ? "--env" : "GODWIT_ENV") + "), but there is no " + ConfigFile.NAME
                        + " in " + cli.cwd() + " or its parents",
                        "run 'godwit init' to write one, or point --config at it");
            }
            chosen = file.environments().get(environment);
            if (chosen == null) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "no environment '" + environment + "' in "
                        + file.file(), file.environments().isEmpty()
                        ? "add an [environments." + environment + "] block, or drop --env / GODWIT_ENV"
                        : "choose one of: " + String.join(", ", file.environments().keySet()));
            }
        }

        Map<SettingKey, Setting> values = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            values.put(key, key == SettingKey.URL && locatedUrl != null
                    ? new Setting(locatedUrl, fileSource(file, database.locate(), "databases." + database.name())
                            + " locate")
                    : pick(key, cli, env, processEnv, dotEnvSource, file, chosen, database));
        }
        Setting protect = values.get(SettingKey.PROTECTED);
        if (!Boolean.TRUE.equals(protect.value())) {
            // Switched on anywhere, a database stays protected: a lower level may not quietly switch it off.
            for (ConfigFile.Section s : new ConfigFile.Section[] {database, chosen}) {
                ConfigFile.Value v = s == null ? null : s.settings().get(SettingKey.PROTECTED);
                if (v != null && Boolean.TRUE.equals(v.value())) {
                    values.put(SettingKey.PROTECTED, new Setting(true, fileSource(file, v,
                            (s == chosen ? "environments." : "databases.") + s.name())));
                }
            }
            ConfigFile.Value top = file == null ? null : file.base().get(SettingKey.PROTECTED);
            if (!Boolean.TRUE.equals(values.get(SettingKey.PROTECTED).value())
                    && top != null && Boolean.TRUE.equals(top.value())) {
                values.put(SettingKey.PROTECTED, new Setting(true, fileSource(file, top, null)));
            }
        }
        return new Settings(file, dotEnv, environment, values, Map.copyOf(env), cli.home());
    }

    private static Path configPath(GlobalOptions g, Map<String, String> processEnv, Path cwd) {
        String given = g.config;
        String how = "--config";
        if (given == null) {
            given = blankToNull(processEnv.get("GODWIT_CONFIG"));
            how = "GODWIT_CONFIG";
        }
        if (given != null) {
            Path p = cwd.resolve(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new GodwitException(ErrorCode.CONFIGURATION, how + " " + given + ": no such file ("
                        + p + ")", "check the path, or run 'godwit init' to write a " + ConfigFile.NAME);
            }
            return p;
        }
        return ConfigFile.find(cwd).orElse(null);
    }

    private static Setting pick(SettingKey key, CommandLine cli, Map<String, String> env,
                                Map<String, String> processEnv, Map<String, String> dotEnvSource, ConfigFile file,
                                ConfigFile.Section environment, ConfigFile.Section database) {
        boolean ownPlace = database != null && (key == SettingKey.URL || key == SettingKey.DIR);
        Object fromCli = ownPlace ? null : commandLine(key, cli.global());
        if (fromCli != null) {
            Object v = key.type == SettingKey.Type.URL ? Expansion.url((String) fromCli, cli.home(), null) : fromCli;
            return new Setting(v, "command line " + key.option);
        }
        for (String name : ownPlace ? List.<String>of() : key.envNames) {
            String raw = blankToNull(env.get(name));
            if (raw != null) {
                String source = processEnv.containsKey(name) ? "environment " + name
                        : dotEnvSource.get(name) + " " + name;
                return new Setting(fromEnvironment(key, name, raw, cli), source);
            }
        }
        if (environment != null && !ownPlace && environment.settings().containsKey(key)) {
            ConfigFile.Value v = environment.settings().get(key);
            return new Setting(v.value(), fileSource(file, v, "environments." + environment.name()));
        }
        if (database != null && database.settings().containsKey(key)) {
            ConfigFile.Value v = database.settings().get(key);
            return new Setting(v.value(), fileSource(file, v, "databases." + database.name()));
        }
        if (file != null && file.base().containsKey(key) && !ownPlace) {
            ConfigFile.Value v = file.base().get(key);
            return new Setting(v.value(), fileSource(file, v, null));
        }
        if (key == SettingKey.DIR && database != null) {
            return new Setting(file.file().getParent().resolve("migrations").resolve(database.name()).toString(),
                    "default (migrations/" + database.name() + " next to " + ConfigFile.NAME + ")");
        }
        if (key == SettingKey.DIR) {
            Path base = file != null ? file.file().getParent() : null;
            return new Setting(base == null ? key.defaultValue : base.resolve("migrations").toString(),
                    base == null ? "default" : "default (next to " + ConfigFile.NAME + ")");
        }
        return new Setting(key.defaultValue, "default");
    }

    private static String fileSource(ConfigFile file, ConfigFile.Value v, String block) {
        return file.file() + (v.line() > 0 ? ":" + v.line() : "") + (block == null ? "" : " [" + block + "]");
    }

    private static Object commandLine(SettingKey key, GlobalOptions g) {
        return switch (key) {
            case URL -> g.url;
            case DIR -> g.dir;
            case TABLE -> g.table;
            case SCHEMA -> g.schema;
            case FORMAT -> g.format;
            case VERSION_TABLE -> g.versionTable;
            case JOURNAL_MODE -> g.journalMode;
            case LOCK_TIMEOUT -> g.lockTimeoutSeconds;
            case REQUEST_TIMEOUT -> g.requestTimeoutSeconds;
            case AUTH_TOKEN -> g.authToken;
            case PROTECTED -> g.confirm ? Boolean.TRUE : null;
            case LOAD_EXTENSION -> g.loadExtensions == null || g.loadExtensions.isEmpty() ? null
                    : g.loadExtensions.stream().map(java.nio.file.Path::toString).toList();
            default -> null; // command options (--keep-backups, --no-backup, --out-of-order) are read by their commands
        };
    }

    private static Object fromEnvironment(SettingKey key, String name, String raw, CommandLine cli) {
        return switch (key.type) {
            case URL -> Expansion.url(raw, cli.home(), null);
            case PATH -> Expansion.path(raw, cli.home(), null).toString();
            case SECONDS, COUNT -> {
                try {
                    int n = Integer.parseInt(raw.strip());
                    if (n < 0) {
                        throw new NumberFormatException();
                    }
                    yield n;
                } catch (NumberFormatException e) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, name + "=" + raw + ": must be "
                            + key.type.expected, "set " + name + " to a number such as "
                            + key.defaultValue + ", or unset it");
                }
            }
            case BOOLEAN -> {
                String v = raw.strip().toLowerCase(Locale.ROOT);
                if (TRUE.contains(v)) {
                    yield true;
                }
                if (FALSE.contains(v)) {
                    yield false;
                }
                throw new GodwitException(ErrorCode.CONFIGURATION, name + "=" + raw + ": must be 1 or 0 "
                        + "(true/false, yes/no, on/off)", "set " + name + "=1 or unset it");
            }
            case PATH_LIST -> List.of(raw.split(java.io.File.pathSeparator));
            default -> raw;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    Object value(SettingKey key) {
        return values.get(key).value();
    }

    String string(SettingKey key) {
        return (String) value(key);
    }

    int integer(SettingKey key) {
        return (Integer) value(key);
    }

    boolean flag(SettingKey key) {
        return Boolean.TRUE.equals(value(key));
    }

    /** A value as {@code godwit config} shows it: URLs redacted, secrets replaced by {@code ***}. */
    static String shown(SettingKey key, Object value) {
        if (value == null) {
            return "";
        }
        if (key == SettingKey.AUTH_TOKEN) {
            return "***";
        }
        if (key == SettingKey.URL) {
            return DatabaseUrl.redact((String) value);
        }
        if (key == SettingKey.PLACEHOLDERS) {
            Map<?, ?> m = (Map<?, ?>) value;
            StringBuilder b = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                        .append(secretName(e.getKey().toString()) ? "***" : e.getValue());
            }
            return b.toString();
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(Object::toString).toList());
        }
        return value.toString();
    }

    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("pass") || n.contains("secret") || n.contains("token") || n.contains("key")
                || n.contains("pwd");
    }
}
