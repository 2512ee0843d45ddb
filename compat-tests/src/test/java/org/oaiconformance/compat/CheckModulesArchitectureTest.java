package org.oaiconformance.compat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.annotations.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The checks read their settings from the run spec their session holds, never from the environment or system
 * properties: what the preflight checked is what they judge with, and the shell that runs the proofs cannot change a
 * proof's verdict.
 */
public class CheckModulesArchitectureTest {

    @Test
    public void noCheckReadsTheEnvironmentOrResolvesTheSettings() {
        JavaClasses checks = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oaiconformance.compat", "org.oaiconformance.auth");
        noClasses().should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .orShould().callMethod(TargetSettings.class, "fromEnvironment")
                .check(checks);
    }
}
