package org.openauthz.authz.persistence.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@link SchemaCheck#EXPECTED} in step with the changelog: {@code serve} trusts that list to decide whether the
 * database is migrated, so a changeSet added without updating it would let the server start on an old schema.
 */
class SchemaCheckTest {
    private static final Pattern CHANGESET = Pattern.compile("^--changeset\\s+([^:\\s]+):(\\S+)", Pattern.MULTILINE);

    @Test
    void whenChangelogIsReadThenItsChangeSetIdsAreExactlyTheExpectedOnesInOrder() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String file : includedFiles()) {
            Matcher matcher = CHANGESET.matcher(read(file));
            while (matcher.find()) {
                ids.add(matcher.group(2));
            }
        }

        assertThat(ids).isNotEmpty().containsExactlyElementsOf(SchemaCheck.EXPECTED);
    }

    @Test
    void whenExpectedIdsAreListedThenEachAppearsOnce() {
        // Liquibase identifies a changeSet by id, author and file; unique ids keep SchemaCheck's lookup unambiguous.
        assertThat(SchemaCheck.EXPECTED).doesNotHaveDuplicates();
    }

    private static List<String> includedFiles() throws IOException {
        JsonNode master = new ObjectMapper(new YAMLFactory()).readTree(read(Migrator.CHANGELOG));
        List<String> files = new ArrayList<>();
        for (JsonNode entry : master.path("databaseChangeLog")) {
            // Only plain includes are used; anything else (includeAll, inline changeSets) would escape this check.
            assertThat(entry.has("include")).as("changelog entry %s", entry).isTrue();
            files.add(entry.path("include").path("file").asText());
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaCheckTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
