package dev.godwit.cli;

import dev.godwit.Actions;
import java.util.Map;

/**
 * Renders the next steps that the library names ({@link Actions}) in the CLI's words: its commands and flags.
 * The library never names a flag; this table is the one place where its actions meet the CLI's options.
 */
final class CliWords {
    private static final Map<String, String> WORDS = Map.of(
            Actions.REPAIR, "run 'godwit repair'",
            Actions.ALLOW_OUT_OF_ORDER, "run 'up --out-of-order'",
            Actions.IGNORE_MISSING, "run with --ignore-missing",
            Actions.ROLL_BACK_ALL, "use 'down --all'",
            Actions.FEWER_STEPS, "use a smaller --step",
            Actions.POINT_AT_MIGRATIONS, "point --dir (or GODWIT_DIR)",
            Actions.STATUS, "'godwit status'");

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
