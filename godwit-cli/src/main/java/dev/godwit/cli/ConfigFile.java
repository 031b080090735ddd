package dev.godwit.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code godwit.toml}, read and checked as a whole: every unknown key, wrong type and undefined {@code ${VAR}}
 * is reported at once with the file and line, before anything touches a database. Values come out typed, with
 * {@code ${VAR}} and {@code ~} expanded and paths made absolute against the file's folder.
 *
 * @param file         the file, absolute
 * @param base         the settings at the top of the file
 * @param environments each {@code [environments.NAME]} block's settings, by name
 * @param databases    each {@code [databases.NAME]} block, by name, in file order
 */
record ConfigFile(Path file, Map<SettingKey, Value> base, Map<String, Section> environments,
                  Map<String, Section> databases) {
    static final String NAME = "godwit.toml";
    /** Jackson's TOML reader, made (and Jackson loaded) only when there is a file to read, not by {@link #find}. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    /** A value from the file and the line it is on (0: not known). */
    record Value(Object value, int line) {
    }

    /**
     * A named block: its settings, the line of its header, and keys only blocks of databases have
     * ({@code locate}, {@code optional}).
     */
    record Section(String name, Map<SettingKey, Value> settings, int line, Value locate, boolean optional) {
    }

    /** The nearest {@code godwit.toml} in {@code dir} or its parents. */
    static Optional<Path> find(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static ConfigFile read(Path file, Map<String, String> env, Path home) {
        Path abs = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(abs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot read " + abs + ": " + e.getMessage(),
                    "make it readable, or point --config at another file");
        }
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? abs.toString() : abs + ":" + at.getLineNr();
            throw new GodwitException(ErrorCode.CONFIGURATION, where + ": not valid TOML: " + e.getOriginalMessage(),
                    "fix the syntax (see https://toml.io); strings need quotes: url = \"sqlite:app.db\"");
        }
        Reader reader = new Reader(abs, Lines.of(text), env, home);
        ConfigFile config = reader.read(root == null ? Toml.MAPPER.createObjectNode() : root);
        if (!reader.problems.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, reader.problems.size() == 1 ? reader.problems.get(0)
                    : abs.getFileName() + " has " + reader.problems.size() + " problems:\n  "
                    + String.join("\n  ", reader.problems),
                    "fix " + abs + "; its keys: " + String.join(", ", SettingKey.knownKeys()));
        }
        return config;
    }

    /** Checks one parsed file, collecting every problem. */
    private static final class Reader {
        private final Path file;
        private final Lines lines;
        private final Map<String, String> env;
        private final Path home;
        final List<String> problems = new ArrayList<>();

        Reader(Path file, Lines lines, Map<String, String> env, Path home) {
            this.file = file;
            this.lines = lines;
            this.env = env;
            this.home = home;
        }

        ConfigFile read(JsonNode root) {
            Map<SettingKey, Value> base = settings(root, "", true);
            Map<String, Section> environments = sections(root.get("environments"), "environments", false);
            Map<String, Section> databases = sections(root.get("databases"), "databases", true);
            return new ConfigFile(file, base, environments, databases);
        }

        private Map<String, Section> sections(JsonNode node, String kind, boolean databases) {
            Map<String, Section> out = new LinkedHashMap<>();
            if (node == null) {
                return out;
            }
            if (!node.isObject()) {
                problem(kind, kind + " must be a table of [" + kind + ".NAME] blocks");
                return out;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String prefix = kind + "." + e.getKey();
                if (!e.getValue().isObject()) {
                    problem(prefix, prefix + " must be a table ([" + prefix + "])");
                    continue;
                }
                Value locate = null;
                boolean optional = false;
                if (databases) {
                    JsonNode l = e.getValue().get("locate");
                    if (l != null) {
                        locate = l.isTextual() ? new Value(Expansion.variables(l.asText(), env), line(prefix + ".locate"))
                                : wrongType(prefix + ".locate", "a string such as \"walk-up:.app/project.db\"");
                    }
                    JsonNode o = e.getValue().get("optional");
                    if (o != null) {
                        if (o.isBoolean()) {
                            optional = o.asBoolean();
                        } else {
                            wrongType(prefix + ".optional", "true or false");
                        }
                    }
                }
                out.put(e.getKey(), new Section(e.getKey(), settings(e.getValue(), prefix + ".", databases ? null : false),
                        line(prefix), locate, optional));
            }
            return out;
        }

        /**
         * @param top true at the top of the file (where environments and databases may appear), false in an
         *            environment, null in a database block (where locate and optional may appear)
         */
        private Map<SettingKey, Value> settings(JsonNode table, String prefix, Boolean top) {
            Map<SettingKey, Value> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode v = e.getValue();
                if (Boolean.TRUE.equals(top) && (name.equals("environments") || name.equals("databases"))) {
                    continue;
                }
                if (top == null && (name.equals("locate") || name.equals("optional"))) {
                    continue;
                }
                if (name.equals("backups")) {
                    if (!v.isObject()) {
                        wrongType(prefix + name, "a table: [backups] keep = 5, off = false");
                        continue;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> b = v.fields(); b.hasNext(); ) {
                        Map.Entry<String, JsonNode> be = b.next();
                        Optional<SettingKey> key = SettingKey.byKey("backups." + be.getKey());
                        if (key.isEmpty()) {
                            problem(prefix + "backups." + be.getKey(), "unknown key '" + prefix + "backups."
                                    + be.getKey() + "'; [backups] takes keep and off");
                        } else {
                            value(key.get(), be.getValue(), prefix + "backups." + be.getKey(), out);
                        }
                    }
                    continue;
                }
                Optional<SettingKey> key = SettingKey.byKey(name);
                if (key.isEmpty() || name.contains(".")) {
                    String where = Boolean.TRUE.equals(top) ? "" : " in [" + prefix.substring(0, prefix.length() - 1) + "]";
                    problem(prefix + name, "unknown key '" + prefix + name + "'" + where
                            + SettingKey.nearest(name).map(n -> "; did you mean '" + n + "'?").orElse(""));
                    continue;
                }
                value(key.get(), v, prefix + name, out);
            }
            return out;
        }

        private void value(SettingKey key, JsonNode v, String path, Map<SettingKey, Value> out) {
            int line = line(path);
            Object value = switch (key.type) {
                case STRING, SECRET -> v.isTextual() ? expand(v.asText(), path) : wrongType(path, key.type.expected);
                case URL -> v.isTextual() ? Expansion.url(expand(v.asText(), path), home, file.getParent())
                        : wrongType(path, key.type.expected);
                case PATH -> v.isTextual() ? Expansion.path(expand(v.asText(), path), home, file.getParent())
                        .toString() : wrongType(path, key.type.expected);
                case SECONDS, COUNT -> v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0 ? v.asInt()
                        : wrongType(path, key.type.expected);
                case BOOLEAN -> v.isBoolean() ? v.asBoolean() : wrongType(path, key.type.expected);
                case PATH_LIST -> pathList(v, path, key);
                case STRING_TABLE -> stringTable(v, path, key);
            };
            if (value != null) {
                out.put(key, new Value(value, line));
            }
        }

        private Object pathList(JsonNode v, String path, SettingKey key) {
            List<String> paths = new ArrayList<>();
            if (v.isTextual()) {
                paths.add(Expansion.path(expand(v.asText(), path), home, file.getParent()).toString());
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        return wrongType(path, key.type.expected);
                    }
                    paths.add(Expansion.path(expand(item.asText(), path), home, file.getParent()).toString());
                }
            } else {
                return wrongType(path, key.type.expected);
            }
            return List.copyOf(paths);
        }

        private Object stringTable(JsonNode v, String path, SettingKey key) {
            if (!v.isObject()) {
                return wrongType(path, key.type.expected);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    wrongType(path + "." + e.getKey(), "a string, number or boolean");
                    continue;
                }
                values.put(e.getKey(), expand(e.getValue().asText(), path + "." + e.getKey()));
            }
            return java.util.Collections.unmodifiableMap(values);
        }

        private String expand(String value, String path) {
            Optional<String> missing = Expansion.missingVariable(value, env);
            if (missing.isPresent()) {
                problem(path, path + " uses ${" + missing.get() + "}, which is not set (in the environment or .env)");
                return value;
            }
            return Expansion.variables(value, env);
        }

        private Value wrongType(String path, String expected) {
            problem(path, path + " must be " + expected);
            return null;
        }

        private void problem(String path, String message) {
            int line = line(path);
            problems.add(file + (line > 0 ? ":" + line : "") + ": " + message);
        }

        private int line(String path) {
            return lines.lineOf(path);
        }
    }

    /**
     * Where each key is in the text: Jackson's TOML tree keeps no locations, so the lines are found by reading
     * table headers and {@code key =} lines. A key it cannot place (inside an inline table) gets the line of
     * the nearest enclosing key or table.
     */
    static final class Lines {
        private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*]]?\\s*(#.*)?$");
        private static final Pattern KEY = Pattern.compile("^\\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
                + "(?:\\s*\\.\\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\\s*=");
        private final Map<String, Integer> lineOf = new HashMap<>();

        static Lines of(String text) {
            Lines l = new Lines();
            String table = "";
            String[] lines = text.split("\r?\n|\r", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher h = HEADER.matcher(lines[i]);
                if (h.matches()) {
                    table = dotted(h.group(1));
                    l.lineOf.putIfAbsent(table, i + 1);
                    continue;
                }
                Matcher k = KEY.matcher(lines[i]);
                if (k.find()) {
                    String key = (table.isEmpty() ? "" : table + ".") + dotted(k.group(1));
                    l.lineOf.putIfAbsent(key, i + 1);
                }
            }
            return l;
        }

        private static String dotted(String key) {
            List<String> parts = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)").matcher(key);
            while (m.find()) {
                parts.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
            return String.join(".", parts);
        }

        int lineOf(String path) {
            for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
                Integer line = lineOf.get(p);
                if (line != null) {
                    return line;
                }
            }
            return 0;
        }
    }
}
