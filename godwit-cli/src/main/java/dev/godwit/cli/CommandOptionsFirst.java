package dev.godwit.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets a command's own options come before the command name: {@code godwit --no-backup up} means
 * {@code godwit up --no-backup}. Global options already work in both places (picocli's inherited scope); this moves
 * the options that only the command knows (with their values) to just after its name, before picocli parses.
 * Arguments after the command name, after {@code --}, or that no command knows are left exactly where they are,
 * so picocli still reports them.
 */
final class CommandOptionsFirst {
    private CommandOptionsFirst() {
    }

    static String[] reorder(CommandLine root, String[] args) {
        CommandSpec rootSpec = root.getCommandSpec();
        Map<String, CommandLine> commands = root.getSubcommands();
        int command = -1;
        for (int i = 0; i < args.length && command < 0; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return args;
            }
            if (commands.containsKey(arg)) {
                command = i;
            } else if (takesNextArgument(option(rootSpec, arg), arg)) {
                i++;
            }
        }
        if (command < 0) {
            return args;
        }
        CommandSpec commandSpec = commands.get(args[command]).getCommandSpec();
        List<String> stay = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < command; i++) {
            String arg = args[i];
            OptionSpec global = option(rootSpec, arg);
            OptionSpec own = global == null ? option(commandSpec, arg) : null;
            List<String> to = own == null ? stay : moved;
            to.add(arg);
            OptionSpec option = global != null ? global : own;
            if (takesNextArgument(option, arg) && i + 1 < command) {
                to.add(args[++i]);
            }
        }
        List<String> result = new ArrayList<>(stay);
        result.add(args[command]);
        result.addAll(moved);
        result.addAll(List.of(args).subList(command + 1, args.length));
        return result.toArray(String[]::new);
    }

    /**
     * For an unknown option that other commands take: which they are ({@code "--no-backup is an option of up,
     * down; "}), to start a hint with; else the empty string.
     */
    static String whereKnown(CommandLine root, CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return "";
        }
        StringBuilder hint = new StringBuilder();
        for (String arg : unmatched.getUnmatched()) {
            Set<String> commands = new LinkedHashSet<>();
            root.getSubcommands().forEach((name, sub) -> {
                if (option(sub.getCommandSpec(), arg) != null) {
                    commands.add(sub.getCommandName());
                }
            });
            if (!commands.isEmpty()) {
                hint.append(arg, 0, arg.contains("=") ? arg.indexOf('=') : arg.length())
                        .append(" is an option of ").append(String.join(", ", commands)).append("; ");
            }
        }
        return hint.toString();
    }

    /** The option {@code arg} names ({@code --name} or {@code --name=value}), or null when it names none. */
    private static OptionSpec option(CommandSpec spec, String arg) {
        if (!arg.startsWith("-") || arg.equals("-")) {
            return null;
        }
        int eq = arg.indexOf('=');
        return spec.findOption(eq > 0 ? arg.substring(0, eq) : arg);
    }

    private static boolean takesNextArgument(OptionSpec option, String arg) {
        return option != null && !arg.contains("=") && option.arity().min() >= 1;
    }
}
