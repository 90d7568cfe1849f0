package org.openauthz.authz.flow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, "Done when": Hydra's own generated admin SDK, {@code @ory/hydra-client} 1.10.6 from npm, creates a client
 * and accepts login and consent against this server, then logs the user out (rejecting one logout request and
 * accepting another, as Hydra's login app does). {@code src/test/node/hydra-sdk-check.mjs} does the whole flow
 * (node's fetch is the browser, the SDK is the login/consent app) and prints the final redirect with the code; this
 * test runs it against a real server. Skipped, with a message, where node or npm is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HydraSdkCompatibilityIT {
    private static final long TIMEOUT_SECONDS = 300;

    private FlowHarness harness;
    private Path nodeProject;

    @BeforeAll
    void start() {
        nodeProject = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/test/node").toAbsolutePath();
        harness = FlowHarness.start(Map.of());
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** Output and exit code of a finished process. */
    private record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(nodeProject.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path log = Files.createTempFile("hydra-sdk-check", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS
                        + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** True when {@code command --version} runs; false when it is not on the PATH. */
    private boolean available(String command) {
        try {
            return run(Map.of(), command, "--version").exitCode() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void whenHydrasOwnAdminSdkDrivesLoginAndConsentThenTheClientGetsACode() throws Exception {
        Assumptions.assumeTrue(available("node"), "node is not on the PATH: skipping the @ory/hydra-client check");
        Assumptions.assumeTrue(available("npm"), "npm is not on the PATH: skipping the @ory/hydra-client check");
        assertThat(nodeProject.resolve("package-lock.json")).exists();
        if (!Files.isDirectory(nodeProject.resolve("node_modules/@ory/hydra-client"))) {
            // npm ci installs exactly what package-lock.json pins (@ory/hydra-client 1.10.6).
            Result install = run(Map.of(), "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode()).as("npm ci:\n%s", install.output()).isZero();
        }

        Result check = run(Map.of("PUBLIC_URL", harness.server.publicUrl(""), "ADMIN_URL", harness.server.adminUrl("")),
                "node", "hydra-sdk-check.mjs");

        assertThat(check.exitCode()).as("node hydra-sdk-check.mjs:\n%s", check.output()).isZero();
        List<String> callbacks = new ArrayList<>();
        for (String line : check.output().split("\\R")) {
            if (line.startsWith("CALLBACK ")) {
                callbacks.add(line.substring("CALLBACK ".length()).trim());
            }
        }
        assertThat(callbacks).as(check.output()).hasSize(1);
        URI callback = URI.create(callbacks.get(0));
        // RFC 6749 §4.1.2: the client's redirect URI with a code and the state.
        assertThat(Params.base(callback)).isEqualTo(RelyingParty.REDIRECT_URI.toString());
        assertThat(Params.query(callback)).containsKeys("code", "state").doesNotContainKey("error");
        assertThat(Params.query(callback).get("code")).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        assertThat(check.output()).contains("TOKEN_TYPE bearer");
        // getLogoutRequest, rejectLogoutRequest and acceptLogoutRequest as Hydra v1.10's login app calls them.
        assertThat(check.output()).contains("LOGOUT ok");
    }
}
