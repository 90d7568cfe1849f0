package org.openauthz.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders help text in the layout of Hydra's cobra/pflag CLI (description, "Usage:",
 * "Available Commands:", "Flags:", and the "Use ... --help" footer) instead of picocli's own, so
 * that {@code hydra help} looks like the overview in the Hydra guide.
 */
final class CobraHelp {

    /** cobra pads command names to at least this width. */
    private static final int MIN_NAME_PADDING = 11;

    private CobraHelp() {
    }

    /** Makes {@code commandLine} and all its subcommands print cobra-style help. */
    static void install(CommandLine commandLine) {
        commandLine.setHelpSectionKeys(List.of("cobra"));
        commandLine.getHelpSectionMap().put("cobra", help -> render(help.commandSpec()));
        for (CommandLine sub : distinct(commandLine.getSubcommands().values())) {
            install(sub);
        }
    }

    static String render(CommandSpec spec) {
        StringBuilder text = new StringBuilder();
        String description = longDescription(spec);
        if (!description.isEmpty()) {
            text.append(description).append("\n\n");
        }
        Map<String, String> commands = availableCommands(spec);
        text.append("Usage:");
        if (commands.isEmpty()) {
            text.append("\n  ").append(useLine(spec));
        } else {
            text.append("\n  ").append(spec.qualifiedName()).append(" [command]");
        }
        if (!commands.isEmpty()) {
            int padding = Math.max(MIN_NAME_PADDING,
                    commands.keySet().stream().mapToInt(String::length).max().orElse(0));
            text.append("\n\nAvailable Commands:");
            commands.forEach((name, summary) ->
                    text.append("\n  ").append(pad(name, padding)).append(' ').append(summary));
        }
        List<OptionSpec> options = visibleOptions(spec);
        if (!options.isEmpty()) {
            text.append("\n\nFlags:\n").append(flagUsages(spec, options));
        }
        if (!commands.isEmpty()) {
            text.append("\n\nUse \"").append(spec.qualifiedName())
                    .append(" [command] --help\" for more information about a command.");
        }
        return text.append('\n').toString();
    }

    static String shortDescription(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return header[0];
        }
        String[] description = spec.usageMessage().description();
        return description.length > 0 ? description[0] : "";
    }

    private static String longDescription(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        if (description.length == 0) {
            return shortDescription(spec);
        }
        return String.join("\n", description).stripTrailing();
    }

    /** Registered subcommands; for the root, with the descriptions of Hydra's overview (CommandCatalog). */
    private static Map<String, String> availableCommands(CommandSpec spec) {
        Map<String, String> commands = new TreeMap<>();
        if (spec.parent() == null) {
            commands.putAll(CommandCatalog.topLevel());
        }
        for (CommandLine sub : distinct(spec.subcommands().values())) {
            CommandSpec subSpec = sub.getCommandSpec();
            if (!subSpec.usageMessage().hidden()) {
                commands.put(subSpec.name(), shortDescription(subSpec));
            }
        }
        return commands;
    }

    private static String useLine(CommandSpec spec) {
        StringBuilder line = new StringBuilder(spec.qualifiedName());
        List<PositionalParamSpec> positionals = new ArrayList<>(spec.positionalParameters());
        positionals.sort(Comparator.comparingInt(p -> p.index().min()));
        for (PositionalParamSpec positional : positionals) {
            if (positional.hidden()) {
                continue;
            }
            String label = positional.paramLabel();
            if (positional.arity().max() > 1 || positional.isMultiValue()) {
                label = label + "...";
            }
            line.append(' ').append(positional.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return line.append(" [flags]").toString();
    }

    private static List<OptionSpec> visibleOptions(CommandSpec spec) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                options.add(option);
            }
        }
        options.sort(Comparator.comparing(CobraHelp::longName));
        return options;
    }

    /** pflag's FlagUsages layout: flag column padded to the widest entry, then three spaces. */
    private static String flagUsages(CommandSpec spec, List<OptionSpec> options) {
        List<String[]> rows = new ArrayList<>();
        int width = 0;
        for (OptionSpec option : options) {
            String shortName = shortName(option);
            String flag = (shortName == null ? "      " : "  " + shortName + ", ") + "--" + longName(option);
            String varName = varName(option);
            if (!varName.isEmpty()) {
                flag = flag + " " + varName;
            }
            width = Math.max(width, flag.length());
            rows.add(new String[] {flag, usage(spec, option)});
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(pad(row[0], width)).append("   ").append(row[1]);
        }
        return text.toString().lines().map(String::stripTrailing)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String usage(CommandSpec spec, OptionSpec option) {
        if (option.usageHelp()) {
            return "help for " + spec.name();
        }
        String usage = String.join(" ", option.description()).trim();
        String defaultValue = option.defaultValue();
        if (defaultValue != null && !defaultValue.isEmpty()) {
            if (option.isMultiValue()) {
                usage += " (default [" + defaultValue + "])";
            } else if (option.typeInfo().isBoolean()) {
                if (Boolean.parseBoolean(defaultValue)) {
                    usage += " (default true)";
                }
            } else if ("string".equals(varName(option))) {
                usage += " (default \"" + defaultValue + "\")";
            } else {
                usage += " (default " + defaultValue + ")";
            }
        }
        return usage;
    }

    /** The value placeholder pflag prints after the flag name ("string", "strings", "int", ...). */
    private static String varName(OptionSpec option) {
        if (option.typeInfo().isBoolean() || option.usageHelp() || option.versionHelp()) {
            return "";
        }
        String label = option.paramLabel();
        if (label != null && !label.isEmpty() && !label.startsWith("<")) {
            return label;
        }
        if (option.isMultiValue()) {
            return "strings";
        }
        Class<?> type = option.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "int";
        }
        return "string";
    }

    private static String shortName(OptionSpec option) {
        for (String name : option.names()) {
            if (name.length() == 2 && name.charAt(0) == '-' && name.charAt(1) != '-') {
                return name;
            }
        }
        return null;
    }

    private static String longName(ArgSpec arg) {
        OptionSpec option = (OptionSpec) arg;
        return option.longestName().replaceFirst("^-+", "");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Picocli lists a command once per alias; keep each command once. */
    private static List<CommandLine> distinct(Collection<CommandLine> commands) {
        List<CommandLine> result = new ArrayList<>();
        for (CommandLine command : commands) {
            if (result.stream().noneMatch(existing -> existing == command)) {
                result.add(command);
            }
        }
        return result;
    }
}
