package org.openauthz.cli.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hydra clients import <file>...}: creates one client per JSON file (the admin API's client
 * JSON). When a file has no secret the server generates one, which is printed after the id.
 */
@Command(name = "import", header = "Import OAuth 2.0 Clients from one or more JSON files",
        description = {"This command reads in each listed JSON file and imports their contents as OAuth 2.0 Clients.",
                "",
                "The format for the JSON file is:",
                "",
                "{",
                "  \"client_id\": \"...\",",
                "  \"client_secret\": \"...\",",
                "  // ... all other fields of the OAuth 2.0 Client model are allowed here",
                "}",
                "",
                "Example:",
                "  hydra clients import client-1.json"})
final class ImportClientsCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Mixin
    private PgpOptions pgp;

    @Parameters(arity = "1..*", paramLabel = "<file>", description = "JSON files, one client each")
    private List<Path> files;

    private final CliEnvironment environment;

    ImportClientsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        pgp.rejectIfUsed();
        try (AdminSession session = connection.open(environment)) {
            for (Path file : files) {
                OAuth2Client client = read(session, file);
                boolean hadSecret = client.getClientSecret() != null && !client.getClientSecret().isEmpty();
                OAuth2Client created = session.call("Could not import OAuth 2.0 Client from " + file,
                        api -> api.createOAuth2Client(client));
                String id = created != null && created.getClientId() != null ? created.getClientId() : client.getClientId();
                String generated = hadSecret || created == null ? null : created.getClientSecret();
                environment.out().println(ClientOutput.importedLine(id, generated, file.toString()));
            }
        }
        return 0;
    }

    private static OAuth2Client read(AdminSession session, Path file) {
        try {
            OAuth2Client client = session.objectMapper().readValue(Files.readAllBytes(file), OAuth2Client.class);
            if (client == null) {
                throw new CliException("Could not read OAuth 2.0 Client from " + file + ": the file holds no JSON object");
            }
            return client;
        } catch (NoSuchFileException e) {
            throw new CliException("Could not read OAuth 2.0 Client from " + file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new CliException("Could not read OAuth 2.0 Client from " + file + ": invalid JSON ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new CliException("Could not read OAuth 2.0 Client from " + file + ": " + e.getMessage(), e);
        }
    }
}
