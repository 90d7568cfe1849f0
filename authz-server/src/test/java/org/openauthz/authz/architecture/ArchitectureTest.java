package org.openauthz.authz.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rules of docs/architecture.md ("Modules and packages"), checked on every build. */
@AnalyzeClasses(packages = "org.openauthz.authz", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The protocol core and the domain never see HTTP frameworks, JDBI or the store implementations. */
    @ArchTest
    static final ArchRule coreIsFreeOfFrameworks = noClasses()
            .that().resideInAnyPackage("..authz.oauth2..", "..authz.consent..", "..authz.client..", "..authz.jwk..",
                    "..authz.crypto..", "..authz.config..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..",
                    "io.dropwizard..", "org.jdbi..", "..authz.persistence..", "..authz.api..");

    /** Hydra calls the consent strategy from the HTTP layer, never from the OAuth 2.0 core; so do we. */
    @ArchTest
    static final ArchRule oauth2DoesNotKnowConsent = noClasses().that().resideInAPackage("..authz.oauth2..")
            .should().dependOnClassesThat().resideInAPackage("..authz.consent..");

    /** Store implementations are reached only through the composition root. */
    @ArchTest
    static final ArchRule persistenceOnlyFromTheCompositionRoot = noClasses()
            .that().resideInAnyPackage("..authz.api..", "..authz.oauth2..", "..authz.consent..")
            .should().dependOnClassesThat().resideInAPackage("..authz.persistence..");
}
