package org.openauthz.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -h/--help} flag every command carries, as in Hydra's cobra-based CLI.
 * The help text renderer words it "help for <command>".
 */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "help for this command")
    boolean help;
}
