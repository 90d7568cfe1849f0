package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.jwk.StoredKey;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link KeyStore} must do (one contract, run against every store; the first key of a set signs). Run by
 * {@code InMemoryKeyStoreTest} and, on a real PostgreSQL, {@code JdbiKeyStoreIT}. The sealed key data is opaque
 * text here; sealing is {@code KeyService}'s job.
 */
abstract class KeyStoreContract {
    static final Instant T0 = Instant.parse("2026-02-01T08:30:00.123Z");

    KeyStore keys;

    /** A fresh, empty key store. */
    protected abstract KeyStore newKeyStore();

    @BeforeEach
    void freshStore() {
        keys = newKeyStore();
    }

    static StoredKey key(String set, String kid, Instant createdAt) {
        return new StoredKey(set, kid, createdAt, "sealed:" + set + "/" + kid + "@" + createdAt.toEpochMilli());
    }

    @Test
    void whenAddedThenFoundAndListedAsStored() {
        StoredKey key = key("set", "k1", T0);

        keys.add(key);

        assertThat(keys.find("set", "k1")).contains(key);
        assertThat(keys.list("set")).containsExactly(key);
    }

    @Test
    void whenSetOrKidIsUnknownThenEmpty() {
        keys.add(key("set", "k1", T0));

        assertThat(keys.find("set", "k2")).isEmpty();
        assertThat(keys.find("other", "k1")).isEmpty();
        assertThat(keys.list("other")).isEmpty();
    }

    @Test
    void whenSetHasSeveralKeysThenTheyAreListedNewestFirst() {
        StoredKey oldest = key("set", "b-oldest", T0);
        StoredKey newest = key("set", "a-newest", T0.plusSeconds(120));
        StoredKey middle = key("set", "c-middle", T0.plusSeconds(60));
        keys.add(oldest);
        keys.add(newest);
        keys.add(middle);

        assertThat(keys.list("set")).containsExactly(newest, middle, oldest);
    }

    @Test
    void whenKeysShareACreationTimeThenTheyAreOrderedByKid() {
        // A deterministic order keeps the signing key stable across replicas and restarts.
        keys.add(key("set", "kid-b", T0));
        keys.add(key("set", "kid-a", T0));

        assertThat(keys.list("set")).extracting(StoredKey::kid).containsExactly("kid-a", "kid-b");
    }

    @Test
    void whenKidExistsInTheSetThenDuplicateKeyExceptionAndTheFirstKeyIsKept() {
        StoredKey first = key("set", "k1", T0);
        keys.add(first);

        assertThatThrownBy(() -> keys.add(key("set", "k1", T0.plusSeconds(1))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(keys.list("set")).containsExactly(first);
    }

    @Test
    void whenKidExistsInAnotherSetThenItIsAllowed() {
        keys.add(key("set-a", "k1", T0));
        keys.add(key("set-b", "k1", T0));

        assertThat(keys.find("set-a", "k1")).isPresent();
        assertThat(keys.find("set-b", "k1")).isPresent();
    }

    @Test
    void whenSetIsReplacedThenOnlyTheNewKeysRemainAndOtherSetsAreUntouched() {
        keys.add(key("set", "old-1", T0));
        keys.add(key("set", "old-2", T0));
        StoredKey elsewhere = key("other", "old-1", T0);
        keys.add(elsewhere);
        StoredKey newer = key("set", "new-1", T0.plusSeconds(10));
        StoredKey older = key("set", "new-2", T0.plusSeconds(5));

        keys.replaceSet("set", List.of(older, newer));

        assertThat(keys.list("set")).containsExactly(newer, older);
        assertThat(keys.list("other")).containsExactly(elsewhere);
    }

    @Test
    void whenReplacementKeepsAKidThenTheKeyIsReplacedNotDuplicated() {
        keys.add(key("set", "k1", T0));
        StoredKey replacement = new StoredKey("set", "k1", T0.plusSeconds(60), "sealed:replacement");

        keys.replaceSet("set", List.of(replacement));

        assertThat(keys.list("set")).containsExactly(replacement);
    }

    @Test
    void whenReplacementHoldsTheSameKidTwiceThenDuplicateKeyExceptionAndTheOldSetIsIntact() {
        // KeyStore#replaceSet is atomic: a failed replacement must not leave a half-empty signing set.
        StoredKey old1 = key("set", "old-1", T0);
        StoredKey old2 = key("set", "old-2", T0.plusSeconds(1));
        keys.add(old1);
        keys.add(old2);

        assertThatThrownBy(() -> keys.replaceSet("set", List.of(key("set", "new", T0.plusSeconds(5)),
                key("set", "dup", T0.plusSeconds(4)), key("set", "dup", T0.plusSeconds(3)))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(keys.list("set")).containsExactly(old2, old1);
    }

    @Test
    void whenSetIsReplacedWithNothingThenItIsEmpty() {
        keys.add(key("set", "k1", T0));

        keys.replaceSet("set", List.of());

        assertThat(keys.list("set")).isEmpty();
        assertThat(keys.deleteSet("set")).as("an emptied set has no keys to delete").isFalse();
    }

    @Test
    void whenUnknownSetIsReplacedThenItIsCreated() {
        StoredKey key = key("fresh", "k1", T0);

        keys.replaceSet("fresh", List.of(key));

        assertThat(keys.list("fresh")).containsExactly(key);
    }

    @Test
    void whenSetIsDeletedThenTrueWhenItHadKeysAndOtherSetsStay() {
        keys.add(key("set", "k1", T0));
        keys.add(key("set", "k2", T0));
        StoredKey elsewhere = key("other", "k1", T0);
        keys.add(elsewhere);

        assertThat(keys.deleteSet("set")).isTrue();

        assertThat(keys.list("set")).isEmpty();
        assertThat(keys.list("other")).containsExactly(elsewhere);
        assertThat(keys.deleteSet("set")).isFalse();
        assertThat(keys.deleteSet("never-existed")).isFalse();
    }

    @Test
    void whenKeyIsDeletedThenTrueOnceAndOnlyThatKeyGoes() {
        keys.add(key("set", "k1", T0));
        StoredKey kept = key("set", "k2", T0);
        keys.add(kept);
        StoredKey sameKidElsewhere = key("other", "k1", T0);
        keys.add(sameKidElsewhere);

        assertThat(keys.delete("set", "k1")).isTrue();

        assertThat(keys.list("set")).containsExactly(kept);
        assertThat(keys.list("other")).containsExactly(sameKidElsewhere);
        assertThat(keys.delete("set", "k1")).isFalse();
        assertThat(keys.delete("never-existed", "k1")).isFalse();
    }

    @Test
    void whenLastKeyIsDeletedThenTheSetIsGone() {
        keys.add(key("set", "k1", T0));
        keys.delete("set", "k1");

        assertThat(keys.list("set")).isEmpty();
        assertThat(keys.deleteSet("set")).isFalse();

        StoredKey again = key("set", "k1", T0);
        keys.add(again);
        assertThat(keys.list("set")).containsExactly(again);
    }

    @Test
    void whenAKeySignsOnlyLaterThenItsUseFromIsKeptAndOtherKeysUseFromIsTheirCreation() {
        StoredKey now = key("set", "now", T0);
        StoredKey later = new StoredKey("set", "later", T0.plusSeconds(1), "sealed:later", T0.plusSeconds(3600));
        keys.add(now);
        keys.add(later);

        assertThat(keys.list("set")).containsExactly(later, now);
        assertThat(keys.find("set", "now").orElseThrow().useFrom()).isEqualTo(T0);
        assertThat(keys.find("set", "later").orElseThrow().useFrom()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void whenTheNewestKeyIsTheExpectedOneThenTheKeyIsAddedAndOtherwiseNot() {
        StoredKey first = key("set", "first", T0);
        assertThat(keys.addIfNewestIs(first, null)).as("an empty set").isTrue();
        StoredKey second = key("set", "second", T0.plusSeconds(60));

        assertThat(keys.addIfNewestIs(second, "first")).isTrue();
        assertThat(keys.addIfNewestIs(key("set", "late", T0.plusSeconds(61)), "first"))
                .as("another replica rotated first").isFalse();
        assertThat(keys.addIfNewestIs(key("set", "late", T0.plusSeconds(61)), null)).as("the set is not empty")
                .isFalse();

        assertThat(keys.list("set")).containsExactly(second, first);
    }

    @Test
    void whenManyAddAfterTheSameNewestKeyAtOnceThenExactlyOneAdds() throws Exception {
        keys.add(key("set", "current", T0));

        List<Boolean> added = org.openauthz.authz.testing.Concurrently.run(8,
                i -> keys.addIfNewestIs(key("set", "next-" + i, T0.plusSeconds(60 + i)), "current"));

        assertThat(added).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(keys.list("set")).hasSize(2);
    }
}
