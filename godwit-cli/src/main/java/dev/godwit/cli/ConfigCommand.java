package dev.godwit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code godwit config}: the effective settings and where each came from; secrets redacted; opens no database. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective settings and where each came from (command line, environment, .env, "
                + "godwit.toml, default); secrets redacted. Opens no database.")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Override
    public Integer call() {
        Settings s = root.global.databases == null ? root.baseSettings() : root.settings();
        if (root.global.json) {
            ObjectNode doc = Json.object();
            doc.put("config_file", s.file() == null ? null : s.file().file().toString());
            doc.put("env_file", s.dotEnv() == null ? null : s.dotEnv().toString());
            doc.put("environment", s.environment());
            ObjectNode settings = doc.putObject("settings");
            for (Map.Entry<SettingKey, Settings.Setting> e : s.values().entrySet()) {
                ObjectNode one = settings.putObject(e.getKey().key);
                Object v = e.getValue().value();
                if (v == null) {
                    one.putNull("value");
                } else if (v instanceof Integer i) {
                    one.put("value", i);
                } else if (v instanceof Boolean b) {
                    one.put("value", b);
                } else {
                    one.put("value", Settings.shown(e.getKey(), v));
                }
                one.put("source", e.getValue().source());
            }
            Json.print(root.out, doc);
            return 0;
        }
        root.out.println("config file: " + (s.file() == null ? "none (no " + ConfigFile.NAME + " in " + root.cwd
                + " or its parents)" : s.file().file()));
        if (s.dotEnv() != null) {
            root.out.println(".env file:   " + s.dotEnv());
        }
        if (s.environment() != null) {
            root.out.println("environment: " + s.environment());
        }
        root.out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Key", "Value", "From"});
        for (Map.Entry<SettingKey, Settings.Setting> e : s.values().entrySet()) {
            rows.add(new String[] {e.getKey().key, Settings.shown(e.getKey(), e.getValue().value()),
                    e.getValue().source()});
        }
        Table.print(root.out, rows);
        return 0;
    }
}
