package dev.conveyor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled classes of the SDK, the engine, the server and
 * the three plugins: every violation of a rule is listed at once.
 */
final class StructureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.conveyor");

    @Test
    void theSdkDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.conveyor.sdk..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.conveyor.engine..", "dev.conveyor.server..",
                        "dev.conveyor.plugin..", "dev.conveyor.shipping..", "dev.conveyor.testkit..", "dev.conveyor.services..")
                .because("plugins compile against the SDK alone")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.conveyor.sdk..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.context..",
                        "org.springframework.beans.factory..", "com.azure..", "org.hibernate..")
                .because("the SDK has no Spring container, no Azure SDK and no persistence provider")
                .check(CLASSES);
    }

    @Test
    void theEngineNeverDependsOnTheServerOrAPlugin() {
        noClasses().that().resideInAPackage("dev.conveyor.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.conveyor.server..", "dev.conveyor.plugin..",
                        "org.springframework.context..", "org.springframework.boot..")
                .because("the engine runs without the Spring container and knows plugins only through the SDK")
                .check(CLASSES);
    }

    @Test
    void pluginsDependOnlyOnTheSdkAndSharedShippingRules() {
        noClasses().that().resideInAPackage("dev.conveyor.plugin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.conveyor.engine..", "dev.conveyor.server..",
                        "dev.conveyor.testkit..", "dev.conveyor.services..")
                .because("a plugin is built against the SDK and loaded into a class loader that shares only the SDK")
                .check(CLASSES);
        slices().matching("dev.conveyor.plugin.(*)..").should().notDependOnEachOther()
                .because("each plugin is a folder of its own")
                .check(CLASSES);
    }

    @Test
    void theEnginesFeaturePackagesHaveNoCycles() {
        slices().matching("dev.conveyor.engine.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
