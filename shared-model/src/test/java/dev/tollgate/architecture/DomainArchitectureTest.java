package dev.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain is plain Java. Its pom already lacks the AWS SDK and Quarkus, so an import of either
 * does not compile; these rules also hold the shape the pom cannot: no framework annotations, ports
 * are interfaces, and features meet only through each other's types, never through adapters.
 */
@AnalyzeClasses(packages = "dev.tollgate", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule noAwsSdkNoFramework = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "software.amazon..", "com.amazonaws..", "io.quarkus..", "io.smallrye..", "jakarta..",
                    "org.eclipse.microprofile..", "io.vertx..")
            .because("the domain runs the same under Lambda, the local runtime and a unit test");

    @ArchTest
    static final ArchRule noAdaptersOrWiringInTheDomain = noClasses()
            .should().resideInAnyPackage("dev.tollgate.adapters..", "dev.tollgate.wiring..", "dev.tollgate.function..")
            .because("adapters and wiring live in infra/, edges in functions/");

    @ArchTest
    static final ArchRule portsAreInterfaces = classes()
            .that().haveSimpleNameEndingWith("Store").or().haveSimpleNameEndingWith("Trail")
            .or().haveSimpleNameEndingWith("Catalog").or().haveSimpleNameEndingWith("Ledger")
            .or().haveSimpleName("StartupEvents").or().haveSimpleName("ArtifactStore")
            .or().haveSimpleName("KeyDigester").or().haveSimpleName("LeaseSigner")
            .or().haveSimpleName("VerificationKeys").or().haveSimpleName("DataKeyWrapper")
            .or().haveSimpleName("DataKeyUnwrapper").or().haveSimpleName("LeaseKeys")
            .or().haveSimpleName("LeaseKeyWrapper")
            .should().beInterfaces()
            .because("a port names what the domain needs; adapters implement it elsewhere");
}
