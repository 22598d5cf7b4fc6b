package org.careid.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the server's compiled classes
 * ({@code target/classes}, exactly what is packaged into {@code target/quarkus-app}).
 */
class PackageRulesTest {

    private static final Path SERVER_CLASSES = Path.of("target/classes");
    private static JavaClasses server;

    @BeforeAll
    static void importServerClasses() {
        if (!Files.isDirectory(SERVER_CLASSES.resolve("org/careid"))) {
            throw new IllegalStateException("no compiled server classes under " + SERVER_CLASSES.toAbsolutePath());
        }
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(SERVER_CLASSES);
    }

    /** Feature packages publish events; only threat knows threat detection exists. */
    @Test
    void noFeaturePackageDependsOnThreat() {
        noClasses().that().resideOutsideOfPackage("org.careid.threat..")
                .should().dependOnClassesThat().resideInAPackage("org.careid.threat..")
                .because("feature packages publish events and threat acts through narrow interfaces")
                .check(server);
    }

    /** Threat acts through services and narrow interfaces, never through another package's REST layer. */
    @Test
    void threatUsesNoResourceClassOfAnotherPackage() {
        noClasses().that().resideInAPackage("org.careid.threat..")
                .should().dependOnClassesThat(simpleNameEndingWith("Resource").and(resideOutsideOfPackage("org.careid.threat..")))
                .check(server);
    }

    /** The low-level packages know no feature. */
    @Test
    void eventsWebAndCryptoDependOnNoFeaturePackage() {
        noClasses().that().resideInAnyPackage("org.careid.events..", "org.careid.web..", "org.careid.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("org.careid.identity..", "org.careid.token..",
                        "org.careid.auth..", "org.careid.face..", "org.careid.fingerprint..", "org.careid.audit..",
                        "org.careid.threat..", "org.careid.demo..", "org.careid.biometric..")
                .allowEmptyShould(true)
                .check(server);
    }

    /** Evaluation, simulation and benchmark code lives in src/eval (the tools jar), not in the server. */
    @Test
    void noEvaluationCodeOnTheServersRuntimeClasspath() {
        noClasses().should().resideInAnyPackage("..evaluation..", "..simulation..")
                .orShould().haveSimpleNameEndingWith("Benchmark")
                .orShould().haveSimpleNameEndingWith("Evaluation")
                .because("the server's runtime classpath carries no evaluation or simulation code")
                .check(server);
    }
}
