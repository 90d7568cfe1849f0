package org.openauthz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HelpOutputTest {

    private static final String OVERVIEW = """
            Run and manage the OAuth 2.0 and OpenID Connect server (Ory Hydra v1.10 compatible)

            Usage:
              hydra [command]

            Available Commands:
              clients     Manage OAuth 2.0 Clients
              doctor      Check the configuration and clients against OAuth 2.0 security best practice
              help        Help about any command
              janitor     Clean the database of old tokens and login/consent requests
              keys        Manage JSON Web Keys
              migrate     Various migration helpers
              serve       Parent command for starting public and administrative HTTP/2 APIs
              token       Issue and Manage OAuth2 tokens
              version     Display this binary's version, build time and git hash of this build

            Flags:
              -h, --help   help for hydra

            Use "hydra [command] --help" for more information about a command.
            """;

    @Test
    void whenHelpThenOverviewHasTheGuidesShape() {
        CliRun.Result result = new CliRun().run("help");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(OVERVIEW, result.out());
        assertEquals("", result.err());
    }

    @Test
    void whenNoArgumentsThenOverview() {
        assertEquals(OVERVIEW, new CliRun().run().out());
    }

    @Test
    void whenRootHelpFlagThenOverview() {
        assertEquals(OVERVIEW, new CliRun().run("--help").out());
    }

    @Test
    void whenHelpForNestedCommandThenItsUsage() {
        CliRun.Result viaHelp = new CliRun().run("help", "clients", "create");
        CliRun.Result viaFlag = new CliRun().run("clients", "create", "-h");
        assertEquals(0, viaHelp.exitCode());
        assertEquals(viaFlag.out(), viaHelp.out());
        assertTrue(viaHelp.out().contains("\nUsage:\n  hydra clients create [flags]\n"), viaHelp.out());
        assertTrue(viaHelp.out().contains("  -c, --callbacks strings"), viaHelp.out());
        assertTrue(viaHelp.out().contains("(default [authorization_code])"), viaHelp.out());
    }

    @Test
    void whenGroupCommandWithoutSubcommandThenItsUsageAndSuccess() {
        CliRun.Result result = new CliRun().run("keys");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("Manage JSON Web Keys\n\nUsage:\n  hydra keys [command]\n"), result.out());
        assertTrue(result.out().contains("\n  import      Imports cryptographic keys"), result.out());
    }

    @Test
    void whenHelpForUnknownTopicThenOneErrorLine() {
        CliRun.Result result = new CliRun().run("help", "nope");
        assertEquals(1, result.exitCode());
        assertEquals("Unknown help topic [nope] (see \"hydra help\")\n", result.err());
    }

    @Test
    void whenServeHasNoDsnThenOneClearLineNamesDsnAndMemory() {
        CliRun.Result result = new CliRun().run("serve", "all", "--dangerous-force-http");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("hydra serve: invalid configuration:"), result.err());
        assertTrue(result.err().contains("DSN is not set") && result.err().contains("memory"), result.err());
    }

    @Test
    void whenVersionOutsideJarThenDevAndUndefined() {
        CliRun.Result result = new CliRun().run("version");
        assertEquals(0, result.exitCode());
        assertEquals("Version:    dev\nGit Hash:   undefined\nBuild Time: undefined\n", result.out());
    }
}
