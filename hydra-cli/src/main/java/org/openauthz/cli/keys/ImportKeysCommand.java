package org.openauthz.cli.keys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.model.JSONWebKey;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydra keys import <set> <file>...}: adds keys from files to a set (created if missing) by
 * reading the set, appending, and writing the whole set back.
 */
@Command(name = "import", header = "Imports cryptographic keys of any format to the JSON Web Key Store",
        description = {"This command imports keys from files into a JSON Web Key Set. Supported formats are PEM "
                + "encoded RSA and EC keys (public keys, private keys and certificates) and JSON Web Keys.",
                "",
                "Keys without a key id are stored as \"private:<uuid>\" together with their public half "
                + "\"public:<uuid>\", or as \"public:<uuid>\" for public keys.",
                "",
                "Example:",
                "  hydra keys import my-set ./path/to/jwk.json ./path/to/jwk-2.json",
                "  hydra keys import my-set ./path/to/rsa.key ./path/to/rsa.pub"})
final class ImportKeysCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<set>", description = "the key set")
    private String set;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<file>", description = "key files")
    private List<Path> files;

    @Option(names = "--use", paramLabel = "string", defaultValue = "sig",
            description = "Sets the \"use\" value of the JSON Web Key if not \"use\" value was defined by the key itself")
    private String use;

    private final CliEnvironment environment;

    ImportKeysCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (AdminSession session = connection.open(environment)) {
            List<JSONWebKey> imported = new ArrayList<>();
            for (Path file : files) {
                for (Map<String, Object> key : KeyFiles.load(file, use, this::randomUuid)) {
                    imported.add(session.objectMapper().convertValue(key, JSONWebKey.class));
                }
                environment.out().println("Successfully loaded key from file: " + file);
            }
            JSONWebKeySet keys = existing(session);
            List<JSONWebKey> all = new ArrayList<>(keys.getKeys() == null ? List.of() : keys.getKeys());
            all.addAll(imported);
            JSONWebKeySet updated = new JSONWebKeySet().keys(all);
            session.call("Could not import keys into JSON Web Key Set " + set,
                    api -> api.updateJsonWebKeySet(set, updated));
        }
        environment.out().println("JSON Web Key Set successfully imported!");
        return 0;
    }

    /** The current keys of the set, or an empty set when it does not exist yet. */
    private JSONWebKeySet existing(AdminSession session) {
        try {
            JSONWebKeySet keys = session.call("Could not read JSON Web Key Set " + set, api -> {
                try {
                    return api.getJsonWebKeySet(set);
                } catch (ApiException e) {
                    if (e.getCode() == 404) {
                        throw new NotFound();
                    }
                    throw e;
                }
            });
            return keys == null ? new JSONWebKeySet() : keys;
        } catch (NotFound e) {
            return new JSONWebKeySet();
        }
    }

    private UUID randomUuid() {
        byte[] bytes = new byte[16];
        environment.random().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    /** Signals "the set does not exist yet", which import treats as an empty set. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super(null, null, false, false);
        }
    }
}
