package org.openauthz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ArgumentParsingTest {

    /** The parse result of the innermost subcommand. */
    private static ParseResult parse(String... args) {
        CliEnvironment environment = new CliEnvironment(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Clock.systemUTC(), new SecureRandom());
        CommandLine commandLine = new HydraCli(environment).commandLine();
        ParseResult result = commandLine.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }

    @Test
    void whenListFlagsAreCommaSeparatedAndRepeatedThenAllValuesCollected() {
        ParseResult result = parse("clients", "create", "-c", "http://a/cb,http://b/cb", "--callbacks", "http://c/cb",
                "-g", "authorization_code,refresh_token", "-r", "token,code,id_token", "--scope", "openid,offline");
        assertEquals(List.of("http://a/cb", "http://b/cb", "http://c/cb"), result.matchedOptionValue("-c", List.of()));
        assertEquals(List.of("authorization_code", "refresh_token"), result.matchedOptionValue("-g", List.of()));
        assertEquals(List.of("token", "code", "id_token"), result.matchedOptionValue("-r", List.of()));
        assertEquals(List.of("openid", "offline"), result.matchedOptionValue("-a", List.of()));
    }

    @Test
    void whenOptionsFollowPositionalArgumentsThenBothAreParsed() {
        ParseResult result = parse("clients", "get", "my-client", "--endpoint", "http://127.0.0.1:4445");
        assertEquals(List.of("my-client"), result.matchedPositional(0).getValue());
        assertEquals("http://127.0.0.1:4445", result.matchedOptionValue("--endpoint", null));
    }

    @Test
    void whenBooleanFlagPrecedesPositionalThenPositionalIsNotConsumed() {
        ParseResult result = parse("token", "introspect", "--skip-tls-verify", "the-token");
        assertEquals(Boolean.TRUE, result.matchedOptionValue("--skip-tls-verify", false));
        assertEquals("the-token", result.matchedPositional(0).getValue());
    }

    @Test
    void whenBooleanFlagHasExplicitValueThenItIsUsed() {
        ParseResult result = parse("clients", "list", "--skip-tls-verify=false", "--fake-tls-termination=true");
        assertEquals(Boolean.FALSE, result.matchedOptionValue("--skip-tls-verify", true));
        assertEquals(Boolean.TRUE, result.matchedOptionValue("--fake-tls-termination", false));
    }

    @Test
    void whenGuideCommandsAreParsedThenEveryFlagIsKnown() {
        parse("clients", "create", "--endpoint", "http://hydra:4445", "--id", "some-consumer", "--secret", "some-secret",
                "--grant-types", "client_credentials", "--response-types", "token,code");
        parse("token", "client", "--client-id", "some-consumer", "--client-secret", "some-secret",
                "--endpoint", "http://hydra:4444");
        parse("token", "introspect", "--client-id", "some-consumer", "--client-secret", "some-secret",
                "--endpoint", "http://hydra:4445", "TOKEN");
        ParseResult keys = parse("keys", "create", "my-set", "my-kid", "-a", "ES512", "-u", "enc");
        assertEquals("ES512", keys.matchedOptionValue("--alg", null));
        assertEquals("enc", keys.matchedOptionValue("--use", null));
    }

    @Test
    void whenUnknownOptionThenOneErrorLineAndExitOne() {
        CliRun.Result result = new CliRun().run("clients", "create", "--no-such-flag");
        assertEquals(1, result.exitCode());
        assertEquals("Error: Unknown option: '--no-such-flag' (see \"hydra clients create --help\")\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void whenUnknownSubcommandThenCobraStyleMessage() {
        CliRun.Result result = new CliRun().run("clients", "frobnicate");
        assertEquals(1, result.exitCode());
        assertEquals("Error: unknown command \"frobnicate\" for \"hydra clients\" (see \"hydra clients --help\")\n",
                result.err());
    }

    @Test
    void whenRequiredPositionalMissingThenOneErrorLine() {
        CliRun.Result result = new CliRun().run("clients", "get");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("Error: Missing required parameter"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void whenPgpFlagUsedThenClearErrorBeforeAnyRequest() {
        CliRun.Result result = new CliRun().run("clients", "create", "--pgp-key", "abc", "--endpoint", "http://127.0.0.1:1");
        assertEquals(1, result.exitCode());
        assertEquals("PGP encryption of client secrets is not supported by this server; omit --pgp-key\n", result.err());
    }

    @Test
    void whenEndpointMissingThenMessageNamesFlagAndVariable() {
        CliRun.Result result = new CliRun().run("clients", "list");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--endpoint") && result.err().contains("HYDRA_ADMIN_URL"), result.err());
        CliRun.Result token = new CliRun().run("token", "client", "--client-id", "a", "--client-secret", "b");
        assertTrue(token.err().contains("--endpoint") && token.err().contains("HYDRA_URL"), token.err());
    }

    @Test
    void whenFailAfterIsNotADurationThenRejected() {
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", "http://127.0.0.1:1", "--fail-after", "soon");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("Invalid value for --fail-after: invalid duration \"soon\""), result.err());
    }
}
