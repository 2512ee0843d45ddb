package org.oaiconformance.contract.architecture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The harness's packages depend on each other one way only. The reference target is a module of its own that this one
 * cannot compile against; an embedded target is started from one place, TargetSession, through ServiceLoader.
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
    public void anEmbeddedTargetIsStartedFromOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.TargetSession")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.EmbeddedTarget")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.EmbeddedTarget$Starter")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.oaiconformance.contract.run.EmbeddedTarget").check(main);
    }

    @Test
    public void contractDataDependsOnNothingOfTheHarness() {
        noClasses().that().resideInAnyPackage("..contract.catalogue..", "..contract.schema..", "..contract.sse..", "..contract.secrets..",
                        "..contract.wire..", "..contract.outcome..", "..contract.json..")
                .should().dependOnClassesThat().resideInAnyPackage("..contract.run..", "..contract.http..", "..contract.check..",
                        "..contract.keys..", "..contract.summary..", "..contract.metrics..",
                        "..contract.settings..", "..contract.recording..")
                .check(main);
    }

    /** One JSON mapper for the suite (Json.MAPPER); a YAML mapper for cassettes is another format. */
    @Test
    public void oneJsonMapper() {
        noClasses().that().doNotHaveFullyQualifiedName("org.oaiconformance.contract.json.Json")
                .should().callConstructor(ObjectMapper.class).check(main);
    }

    /**
     * The settings are read once, by {@code TargetSettings}, into the run spec everything else reads; besides it, only the
     * run's plumbing (the outcome folder, the module's name, how many check JVMs share the limits) is read from system
     * properties, where the build sets it. A check that read the environment itself could judge with a setting the
     * preflight never checked, or let the shell that runs the proofs change their verdicts.
     */
    @Test
    public void onlyTheSettingsReadTheEnvironment() {
        noClasses().that().doNotHaveFullyQualifiedName("org.oaiconformance.contract.settings.TargetSettings")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.settings.Setting")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.ConformanceListener")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.RequirementLabels")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.TargetSession")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.check.ParallelChecks")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .orShould().callMethod(Integer.class, "getInteger", String.class, int.class)
                .orShould().callMethod(Boolean.class, "getBoolean", String.class)
                .check(main);
    }

    /** The entry points resolve the settings (the preflight, the check JVM's session, its TestNG pools); nothing else does. */
    @Test
    public void onlyTheEntryPointsResolveTheSettings() {
        noClasses().that().doNotHaveFullyQualifiedName("org.oaiconformance.contract.settings.TargetSettings")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.Preflight")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.run.TargetSession")
                .and().doNotHaveFullyQualifiedName("org.oaiconformance.contract.check.ParallelChecks")
                .should().callMethod(TargetSettings.class, "fromEnvironment")
                .check(main);
    }

    /** TestNG tests and proofs live in test code; main code only listens to TestNG. */
    @Test
    public void noTestsInMainCode() {
        ArchRuleDefinition.noMethods().should().beAnnotatedWith(Test.class).check(main);
    }
}
