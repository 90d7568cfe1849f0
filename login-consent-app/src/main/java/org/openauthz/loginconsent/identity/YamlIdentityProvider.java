package org.openauthz.loginconsent.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users from a YAML file ({@code USERS_FILE}): a list of entries such as
 * <pre>
 * - email: alice@example.com
 *   name: Alice Example
 *   password_hash: $pbkdf2-sha256$i=600000,l=32$...$...   # made by HashPassword
 *   subject: 3f1c...        # optional, defaults to the email; never change it once tokens exist
 *   email_verified: true    # optional
 *   claims: {locale: en}    # optional, more ID token claims
 * </pre>
 * The file is read once at startup; every problem stops the app with a message naming the entry.
 */
public final class YamlIdentityProvider implements IdentityProvider {
    /** Claims the authorization server sets itself; a users file that tried to set them would be misleading. */
    private static final Set<String> RESERVED_CLAIMS = Set.of("sub", "iss", "aud", "exp", "iat", "nbf", "auth_time",
            "nonce", "acr", "amr", "azp", "at_hash", "c_hash", "sid", "jti");

    private final Map<String, Account> byEmail;
    private final Map<String, User> bySubject;
    /**
     * Checked for unknown emails so that they take as long as wrong passwords (no user enumeration by timing); it
     * has the highest iteration count in the file.
     */
    private final PasswordHash decoy;

    private YamlIdentityProvider(Map<String, Account> byEmail, Map<String, User> bySubject, PasswordHash decoy) {
        this.byEmail = byEmail;
        this.bySubject = bySubject;
        this.decoy = decoy;
    }

    /** Reads and checks the file. */
    public static YamlIdentityProvider load(Path file) {
        List<Entry> entries;
        try {
            String text = Files.readString(file);
            entries = text.isBlank() ? List.of() : mapper().readValue(text, new TypeReference<List<Entry>>() { });
        } catch (NoSuchFileException e) {
            throw new UsersFileException("USERS_FILE " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new UsersFileException("USERS_FILE " + file + " is not a YAML list of users: "
                    + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new UsersFileException("USERS_FILE " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (entries == null || entries.isEmpty()) {
            throw new UsersFileException("USERS_FILE " + file + " lists no users");
        }
        return of(entries, file.toString());
    }

    private static YamlIdentityProvider of(List<Entry> entries, String source) {
        Map<String, Account> byEmail = new HashMap<>();
        Map<String, User> bySubject = new HashMap<>();
        int maxIterations = 0;
        for (int i = 0; i < entries.size(); i++) {
            String where = source + ", user " + (i + 1);
            Entry entry = entries.get(i);
            if (entry == null) {
                throw new UsersFileException(where + " is empty");
            }
            Account account = entry.toAccount(where);
            if (byEmail.putIfAbsent(normalize(account.user().email()), account) != null) {
                throw new UsersFileException(where + ": the email " + account.user().email() + " appears twice");
            }
            if (bySubject.putIfAbsent(account.user().subject(), account.user()) != null) {
                throw new UsersFileException(where + ": the subject " + account.user().subject() + " appears twice");
            }
            maxIterations = Math.max(maxIterations, account.hash().iterations());
        }
        PasswordHash decoy = PasswordHash.create("decoy".toCharArray(), maxIterations, new SecureRandom());
        return new YamlIdentityProvider(Map.copyOf(byEmail), Map.copyOf(bySubject), decoy);
    }

    @Override
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Account account = byEmail.get(normalize(email));
        char[] chars = password.toCharArray();
        if (account == null) {
            decoy.matches(chars);
            return Optional.empty();
        }
        return account.hash().matches(chars) ? Optional.of(account.user()) : Optional.empty();
    }

    @Override
    public Optional<User> find(String subject) {
        return Optional.ofNullable(subject).map(bySubject::get);
    }

    public int size() {
        return bySubject.size();
    }

    /** Emails are compared without case: people type them both ways. */
    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                // A misspelt key (or a plain "password:") must stop the app, not be ignored.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private record Account(User user, PasswordHash hash) {
    }

    /** One list element as written in the file. */
    private record Entry(@JsonProperty("email") String email,
                         @JsonProperty("name") String name,
                         @JsonProperty("password_hash") String passwordHash,
                         @JsonProperty("password") String password,
                         @JsonProperty("subject") String subject,
                         @JsonProperty("email_verified") Boolean emailVerified,
                         @JsonProperty("claims") Map<String, Object> claims) {

        Account toAccount(String where) {
            if (password != null) {
                throw new UsersFileException(where + ": plain \"password\" is not accepted; store \"password_hash\" "
                        + "made with: java -cp login-consent.jar org.openauthz.loginconsent.HashPassword");
            }
            if (email == null || email.isBlank() || !email.contains("@")) {
                throw new UsersFileException(where + ": \"email\" is missing or not an email address");
            }
            if (passwordHash == null || passwordHash.isBlank()) {
                throw new UsersFileException(where + " (" + email + "): \"password_hash\" is missing");
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(passwordHash.strip());
            } catch (IllegalArgumentException e) {
                throw new UsersFileException(where + " (" + email + "): " + e.getMessage());
            }
            String cleanEmail = email.strip();
            String id = subject == null || subject.isBlank() ? cleanEmail : subject.strip();
            return new Account(new User(id, cleanEmail, name == null ? "" : name.strip(), claims(where, cleanEmail)),
                    hash);
        }

        private Map<String, Object> claims(String where, String cleanEmail) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("email", cleanEmail);
            if (emailVerified != null) {
                all.put("email_verified", emailVerified);
            }
            if (name != null && !name.isBlank()) {
                all.put("name", name.strip());
            }
            if (claims != null) {
                for (Map.Entry<String, Object> claim : claims.entrySet()) {
                    if (RESERVED_CLAIMS.contains(claim.getKey())) {
                        throw new UsersFileException(where + " (" + cleanEmail + "): the claim \"" + claim.getKey()
                                + "\" is set by the authorization server and cannot come from the users file");
                    }
                    all.put(claim.getKey(), claim.getValue());
                }
            }
            return all;
        }
    }
}
