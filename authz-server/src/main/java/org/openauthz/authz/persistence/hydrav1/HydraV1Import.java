package org.openauthz.authz.persistence.hydrav1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.nimbusds.jose.jwk.JWK;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.StoredKey;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.persistence.Stores;
import org.openauthz.authz.persistence.hydrav1.ImportReport.Kind;
import org.openauthz.authz.persistence.jdbi.PostgresStores;
import org.openauthz.authz.storage.RootCause;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies a Hydra v1.10 database into ours ({@code hydra migrate from-hydra}, docs/operations.md "Moving from Hydra
 * v1.10", decision 0016): clients with their bcrypt hashes, JSON Web Keys re-sealed under our system secret, consent
 * sessions with their login sessions, and unexpired refresh tokens when the source's system secret is one of ours.
 *
 * <p>Everything is written in one transaction, through the stores as the server writes: a failure leaves our
 * database as it was. Rows already present here (same client id, set and kid, consent challenge, token signature) are
 * skipped, so running it again copies only what is new. The source is only read.
 */
public final class HydraV1Import {
    static final String ALREADY_PRESENT = "already in this database";
    static final String CLIENT_NOT_COPIED = "its client was not copied";
    /** Any constant: one migration at a time per database, held until the transaction ends. */
    private static final long LOCK_KEY = 0x6879647261763131L;

    /** Our side's settings that decide how copied data is stored. */
    public record Target(List<String> systemSecrets, boolean encryptSessions, Duration refreshLifespan) {
    }

    /** The migration could not run; nothing was written. */
    public static final class ImportFailedException extends RuntimeException {
        ImportFailedException(String message) {
            super(message);
        }
    }

    private final Jdbi source;
    private final Jdbi target;
    private final List<String> sourceSecrets;
    private final Target settings;
    private final Clock clock;
    private final SecureRandom random;
    private final ObjectMapper json = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public HydraV1Import(Jdbi source, List<String> sourceSecrets, Jdbi target, Target settings, Clock clock,
                         SecureRandom random) {
        this.source = source;
        this.sourceSecrets = List.copyOf(sourceSecrets);
        this.target = target;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** @throws ImportFailedException with a message for the operator; nothing was written */
    public ImportReport run() {
        HydraV1Source.Snapshot snapshot;
        try {
            snapshot = new HydraV1Source(source).read();
        } catch (RuntimeException e) {
            throw new ImportFailedException("Could not read the Hydra v1.10 database: " + RootCause.message(e));
        }
        Stores stores;
        try {
            stores = PostgresStores.uncached(target, json);
        } catch (RuntimeException e) {
            throw new ImportFailedException(e.getMessage());
        }
        ImportReport report = new ImportReport();
        try {
            // The stores' writes join this transaction: JDBI hands nested calls on this thread the same handle.
            target.useTransaction(h -> {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", LOCK_KEY).mapTo(Integer.class)
                        .one();
                Set<String> clients = copyClients(snapshot, stores, report);
                copyKeys(snapshot, stores, report);
                copyConsents(snapshot, stores, report, clients);
                copyRefreshTokens(snapshot, stores, report, clients);
            });
        } catch (ImportFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImportFailedException("Could not write to this database, nothing was copied: "
                    + RootCause.message(e));
        }
        return report;
    }

    /** The ids of the clients our database has afterwards, of those in the source. */
    private Set<String> copyClients(HydraV1Source.Snapshot snapshot, Stores stores, ImportReport report) {
        HydraClients clients = new HydraClients(json);
        Set<String> present = new HashSet<>();
        for (HydraV1Source.ClientRow row : snapshot.clients()) {
            if (stores.clients().find(row.id()).isPresent()) {
                present.add(row.id());
                report.recordSkipped(Kind.CLIENTS, ALREADY_PRESENT);
                continue;
            }
            StoredClient client;
            try {
                client = clients.toStored(row);
            } catch (IllegalArgumentException e) {
                report.recordSkipped(Kind.CLIENTS, "unreadable: " + e.getMessage());
                continue;
            }
            stores.clients().create(client);
            present.add(row.id());
            report.recordCopied(Kind.CLIENTS);
        }
        return present;
    }

    private void copyKeys(HydraV1Source.Snapshot snapshot, Stores stores, ImportReport report) {
        AeadCipher from = new AeadCipher(new SystemSecrets(sourceSecrets), random);
        AeadCipher to = new AeadCipher(new SystemSecrets(settings.systemSecrets()), random);
        for (HydraV1Source.KeyRow row : snapshot.keys()) {
            if (stores.keys().find(row.set(), row.kid()).isPresent()) {
                report.recordSkipped(Kind.KEYS, ALREADY_PRESENT);
                continue;
            }
            String plain;
            try {
                plain = from.decryptToString(row.keydata());
            } catch (AeadCipher.DecryptionFailedException e) {
                throw new ImportFailedException("The source secret does not decrypt JSON Web Key " + row.set() + "/"
                        + row.kid() + ": pass the Hydra database's SECRETS_SYSTEM with --source-secret. "
                        + "Nothing was copied.");
            }
            try {
                JWK.parse(plain);
            } catch (ParseException e) {
                report.recordSkipped(Kind.KEYS, "not a JSON Web Key once decrypted");
                continue;
            }
            stores.keys().add(new StoredKey(row.set(), row.kid(), row.createdAt() == null ? clock.instant()
                    : row.createdAt(), to.encrypt(plain)));
            report.recordCopied(Kind.KEYS);
        }
    }

    private void copyConsents(HydraV1Source.Snapshot snapshot, Stores stores, ImportReport report,
                              Set<String> clients) {
        HydraConsents consents = new HydraConsents(json, random);
        for (HydraV1Source.ConsentRow row : snapshot.consents()) {
            Optional<String> notASession = HydraConsents.notASession(row);
            if (notASession.isPresent()) {
                report.recordSkipped(Kind.CONSENT_SESSIONS, notASession.get());
                continue;
            }
            if (!clients.contains(row.clientId())) {
                report.recordSkipped(Kind.CONSENT_SESSIONS, CLIENT_NOT_COPIED);
                continue;
            }
            Flow flow;
            try {
                flow = consents.toFlow(row);
            } catch (IllegalArgumentException e) {
                report.recordSkipped(Kind.CONSENT_SESSIONS, "unreadable: " + e.getMessage());
                continue;
            }
            if (stores.flows().byConsentChallenge(row.challenge()).isPresent()
                    || stores.flows().byLoginChallenge(flow.loginChallenge()).isPresent()) {
                report.recordSkipped(Kind.CONSENT_SESSIONS, ALREADY_PRESENT);
                continue;
            }
            stores.flows().create(flow);
            report.recordCopied(Kind.CONSENT_SESSIONS);
            HydraConsents.loginSession(row).ifPresent(session -> {
                if (stores.loginSessions().find(session.id()).isPresent()) {
                    report.recordSkipped(Kind.LOGIN_SESSIONS, ALREADY_PRESENT);
                } else {
                    stores.loginSessions().save(session);
                    report.recordCopied(Kind.LOGIN_SESSIONS);
                }
            });
        }
    }

    private void copyRefreshTokens(HydraV1Source.Snapshot snapshot, Stores stores, ImportReport report,
                                   Set<String> clients) {
        if (!snapshot.refreshTokens().isEmpty() && !settings.systemSecrets().contains(sourceSecrets.get(0))) {
            // The client holds key.HMAC(key); only the HMAC is stored, and only a server that has the source's
            // secret can check it. Copying the rows would give every client an "invalid_grant" later instead.
            snapshot.refreshTokens().forEach(row -> report.recordSkipped(Kind.REFRESH_TOKENS, "the source's system "
                    + "secret is not one of our SECRETS_SYSTEM, so the tokens' HMAC signatures could not verify here"));
            return;
        }
        HydraRefreshTokens tokens = new HydraRefreshTokens(json, new AeadCipher(new SystemSecrets(sourceSecrets),
                random), new SessionCodec(json, new AeadCipher(new SystemSecrets(settings.systemSecrets()), random),
                settings.encryptSessions()), settings.refreshLifespan());
        for (HydraV1Source.RefreshRow row : snapshot.refreshTokens()) {
            if (!row.active()) {
                report.recordSkipped(Kind.REFRESH_TOKENS, "inactive (used, rotated or revoked)");
                continue;
            }
            if (!clients.contains(row.clientId())) {
                report.recordSkipped(Kind.REFRESH_TOKENS, CLIENT_NOT_COPIED);
                continue;
            }
            if (stores.tokens().find(TokenKind.REFRESH_TOKEN, row.signature()).isPresent()) {
                report.recordSkipped(Kind.REFRESH_TOKENS, ALREADY_PRESENT);
                continue;
            }
            TokenRecord record;
            try {
                record = tokens.toRecord(row);
            } catch (IllegalArgumentException e) {
                report.recordSkipped(Kind.REFRESH_TOKENS, "unreadable: " + e.getMessage());
                continue;
            } catch (AeadCipher.DecryptionFailedException e) {
                throw new ImportFailedException("The source secret does not decrypt the session of a refresh token: "
                        + "pass every secret of the Hydra database's SECRETS_SYSTEM with --source-secret. "
                        + "Nothing was copied.");
            }
            if (record.expiredAt(clock.instant())) {
                report.recordSkipped(Kind.REFRESH_TOKENS, "expired");
                continue;
            }
            stores.tokens().insert(TokenKind.REFRESH_TOKEN, record);
            report.recordCopied(Kind.REFRESH_TOKENS);
        }
    }
}
