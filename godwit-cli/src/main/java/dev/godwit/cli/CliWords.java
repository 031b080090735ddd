package dev.godwit.cli;

import dev.godwit.Actions;
import java.util.Map;

/**
 * Renders the next steps that the library names ({@link Actions}) in the CLI's words: its commands and flags.
 * The library never names a flag; this table is the one place where its actions meet the CLI's options.
 */
final class CliWords {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry(Actions.REPAIR, "run 'godwit repair'"),
            Map.entry(Actions.ALLOW_OUT_OF_ORDER, "run 'up --out-of-order'"),
            Map.entry(Actions.IGNORE_MISSING, "run with --ignore-missing"),
            Map.entry(Actions.ROLL_BACK_ALL, "use 'down --all'"),
            Map.entry(Actions.FEWER_STEPS, "use a smaller --step"),
            Map.entry(Actions.POINT_AT_MIGRATIONS, "point --dir (or GODWIT_DIR)"),
            Map.entry(Actions.STATUS, "'godwit status'"),
            Map.entry(Actions.UP, "'godwit up'"),
            Map.entry(Actions.VALIDATE, "'godwit validate'"),
            Map.entry(Actions.RAISE_LOCK_TIMEOUT, "raise --lock-timeout"),
            Map.entry(Actions.RAISE_REQUEST_TIMEOUT, "give it longer with --request-timeout SECONDS"),
            Map.entry(Actions.URL, "--url"),
            Map.entry(Actions.NO_BACKUP, "pass --no-backup"),
            Map.entry(Actions.DRY_RUN, "use --dry-run"),
            Map.entry(Actions.DRIFT, "'godwit drift'"));

    private CliWords() {
    }

    /** The text with every action the library names put in the CLI's words. */
    static String render(String text) {
        String out = text;
        for (Map.Entry<String, String> e : WORDS.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
