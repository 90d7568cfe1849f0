package org.openauthz.cli.doctor;

import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.Launcher;
import org.openauthz.authz.config.InvalidConfigurationException;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.config.ConfigFiles;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hydra doctor}: reads the configuration as {@code hydra serve} does and every client and signing key set
 * through the admin API, and reports what RFC 9700 and OpenID Connect advise against (decision 0024). Not in Hydra.
 */
@Command(name = "doctor", header = "Check the configuration and clients against OAuth 2.0 security best practice",
        description = {"This command reads the server configuration the way \"hydra serve\" does (config files "
                + "given with -c, then environment variables; pass the same --dangerous-* flags the server is started "
                + "with) and every OAuth 2.0 Client and signing key set through the admin API, and reports what "
                + "RFC 9700 (OAuth 2.0 Security Best Current Practice) and OpenID Connect advise against: missing TLS, "
                + "weak or example secrets, long token lifespans, no key rotation, implicit grants, public clients "
                + "without PKCE, plain http or wildcard-like redirect URIs, expired client secrets.",
                "",
                "One line per finding: severity (HIGH, MEDIUM, LOW, INFO), subject, what is wrong, and the fix. "
                        + "Secrets are never printed.",
                "Exit status: 0 nothing LOW or worse, 2 the worst is LOW or MEDIUM, 3 the worst is HIGH, 1 the check "
                        + "could not run.",
                "",
                "Example:",
                "  hydra doctor -c hydra.yml --endpoint https://hydra-admin:4445 --format json"})
public final class DoctorCommand implements Callable<Integer> {
    /** Clients per admin API page: the server's largest page (Hydra v1.10's limit of 500). */
    static final int PAGE_SIZE = 500;

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Mixin
    private ConfigFiles configFiles;

    @Option(names = "--dangerous-force-http",
            description = "Check the configuration as \"hydra serve --dangerous-force-http\" runs it")
    private boolean forceHttp;

    @Option(names = "--dangerous-allow-insecure-redirect-urls", split = ",", paramLabel = "strings",
            description = "Check the configuration as \"hydra serve\" runs it with these insecure redirect URLs")
    private List<String> insecureRedirects = new ArrayList<>();

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Print the findings as text lines or as one JSON object")
    private String format;

    private final CliEnvironment environment;

    DoctorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CliException("Invalid value for --format: " + format + " (text or json)");
        }
        SettingsBinder.Flags flags = new SettingsBinder.Flags(ServerSettings.Mode.ALL, forceHttp, insecureRedirects);
        List<Finding> findings = new ArrayList<>();
        Optional<ServerSettings> settings = settings(flags, findings);
        settings.ifPresent(s -> findings.addAll(new ConfigurationChecks(s, flags).check()));
        boolean pkceForPublicClients = settings.map(s -> s.oauth2().pkceEnforced()
                || s.oauth2().pkceEnforcedForPublicClients()).orElse(false);
        ClientChecks clientChecks = new ClientChecks(pkceForPublicClients, environment.clock().instant());
        List<OAuth2Client> clients;
        try (AdminSession session = connection.open(environment)) {
            clients = allClients(session);
            clients.forEach(client -> findings.addAll(clientChecks.check(client)));
            settings.ifPresent(s -> findings.addAll(new KeyChecks(s).check(set -> session.callUnlessNotFound(
                    "Could not get the JSON Web Key Set " + set, api -> api.getJsonWebKeySet(set)))));
        }
        DoctorReport report = new DoctorReport(findings, clients.size());
        environment.out().print("json".equals(format) ? report.json() : report.text());
        environment.err().println(report.summary());
        return report.exitCode();
    }

    /** The settings {@code hydra serve} would run with; each problem that would stop it is a HIGH finding. */
    private Optional<ServerSettings> settings(SettingsBinder.Flags flags, List<Finding> findings) {
        try {
            return Optional.of(Launcher.settings(configFiles.paths(), environment.variables(), flags));
        } catch (InvalidConfigurationException e) {
            e.problems().forEach(problem -> findings.add(new Finding(Severity.HIGH, "invalid-configuration",
                    "configuration", problem, "docs/configuration.md",
                    "correct it: hydra serve refuses to start until then")));
            return Optional.empty();
        }
    }

    /** Every client, page by page: the admin API answers at most {@link #PAGE_SIZE} at a time. */
    private static List<OAuth2Client> allClients(AdminSession session) {
        List<OAuth2Client> all = new ArrayList<>();
        for (long offset = 0; ; offset += PAGE_SIZE) {
            long from = offset;
            List<OAuth2Client> page = session.call("Could not list OAuth 2.0 Clients",
                    api -> api.listOAuth2Clients((long) PAGE_SIZE, from, null, null));
            if (page == null || page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            if (page.size() < PAGE_SIZE) {
                return all;
            }
        }
    }
}
