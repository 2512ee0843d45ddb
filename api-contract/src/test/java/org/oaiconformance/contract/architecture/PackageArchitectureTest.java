package org.oaiconformance.contract.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The harness's packages depend on each other one way only, and the reference target is reached from the one place
 * that starts it, TargetSession (the proof kit that switches it is test code, in api-contract's test-jar).
 */
public class PackageArchitectureTest {
    private JavaClasses main;

    @BeforeClass
    public void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oaiconformance.contract");
    }

    @Test
    public void noPackageCycles() {
        slices().matching("org.oaiconformance.contract.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    public void theReferenceTargetIsStartedFromOnePlace() {
        noClasses().that().resideOutsideOfPackages("..contract.reference..")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.TargetSession")
                .should().dependOnClassesThat().resideInAPackage("..contract.reference..").check(main);
    }

    @Test
    public void contractDataDependsOnNothingOfTheHarness() {
        noClasses().that().resideInAnyPackage("..contract.catalogue..", "..contract.schema..", "..contract.sse..", "..contract.secrets..",
                        "..contract.wire..", "..contract.outcome..", "..contract.json..")
                .should().dependOnClassesThat().resideInAnyPackage("..contract.run..", "..contract.http..", "..contract.check..",
                        "..contract.keys..", "..contract.reference..", "..contract.summary..", "..contract.metrics..",
                        "..contract.settings..", "..contract.recording..")
                .check(main);
    }

    /** One JSON mapper for the suite (Json.MAPPER); a YAML mapper for cassettes is another format. */
    @Test
    public void oneJsonMapper() {
        noClasses().that().doNotHaveFullyQualifiedName("org.oaiconformance.contract.json.Json")
                .should().callConstructor(com.fasterxml.jackson.databind.ObjectMapper.class).check(main);
    }

    /** TestNG tests and proofs live in test code; main code only listens to TestNG. */
    @Test
    public void noTestsInMainCode() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().should().beAnnotatedWith(Test.class).check(main);
    }
}
