package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Asking before a change: shows what is about to happen and waits for "yes" on the terminal. {@code --yes}
 * answers in advance; without a terminal and without {@code --yes} the command is refused (exit 2) before it
 * changes anything. A run is protected with {@code --confirm} or {@code GODWIT_CONFIRM=1}.
 *
 * <p>For commands that change the database ({@code up}, {@code down}, {@code restore}, {@code repair},
 * {@code unlock}): call {@link #askIfProtected} with the database (redacted) and the plan, or {@link #ask} when the
 * command always asks.
 */
final class Confirmation {
    private static final Set<String> YES = Set.of("y", "yes");

    private Confirmation() {
    }

    /** Whether this run is marked protected ({@code --confirm}, {@code GODWIT_CONFIRM=1}, or {@code protected = true} in godwit.toml). */
    static boolean isProtected(GodwitCli root) {
        return root.settings().flag(SettingKey.PROTECTED);
    }

    /** Asks when the run is protected; {@code summary} names the database (redacted) and the plan. */
    static void askIfProtected(GodwitCli root, String summary) {
        if (isProtected(root)) {
            ask(root, "protected database: " + summary);
        }
    }

    /** Shows {@code summary} and asks; returns when confirmed, throws {@link ErrorCode#NOT_CONFIRMED} when not. */
    static void ask(GodwitCli root, String summary) {
        if (root.global.yes) {
            return;
        }
        root.err.println(summary);
        if (!root.interactive()) {
            throw new GodwitException(ErrorCode.NOT_CONFIRMED, "this needs a confirmation and there is no terminal "
                    + "to ask on; nothing was changed", "pass --yes to confirm");
        }
        root.err.print("Go ahead? Type 'yes' to confirm: ");
        root.err.flush();
        String answer = readLine(root.in());
        if (answer == null || !YES.contains(answer.strip().toLowerCase(Locale.ROOT))) {
            throw new GodwitException(ErrorCode.NOT_CONFIRMED, "not confirmed; nothing was changed",
                    "answer 'yes' to go ahead, or pass --yes");
        }
    }

    /** One line, read byte by byte so that nothing after it is consumed; null at end of input. */
    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
