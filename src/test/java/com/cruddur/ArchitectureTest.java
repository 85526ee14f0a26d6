package com.cruddur;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layout's rules, checked on the shipped classes (src/main only: the local tools and tests may
 * reach anywhere). The request path runs edge → feature web → domain → store → platform, and never
 * turns back.
 */
class ArchitectureTest {

  private static final String[] DOMAIN = {
    "com.cruddur.activity", "com.cruddur.message", "com.cruddur.user", "com.cruddur.common"
  };
  private static final String[] TELEMETRY_SDKS = {
    "com.amazonaws.xray..",
    "io.opentelemetry..",
    "com.rollbar..",
    "software.amazon.lambda.powertools.."
  };
  private static final String[] WEB = {
    "jakarta.servlet..",
    "org.springframework.web..",
    "org.springframework.http..",
    "com.cruddur.platform.http.."
  };
  private static final String[] LAMBDA = {
    "com.amazonaws.services.lambda..", "com.amazonaws.serverless.."
  };

  static JavaClasses shipped;

  @BeforeAll
  static void importShipped() {
    shipped =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/com/cruddur/local/"))
            .importPackages("com.cruddur");
  }

  /** The rules below would pass vacuously on an empty import. */
  @Test
  void theRulesSeeTheShippedClassesOnly() {
    assertThat(shipped.contain("com.cruddur.activity.ActivityService")).isTrue();
    assertThat(shipped.contain("com.cruddur.message.MessageService")).isTrue();
    assertThat(shipped.contain("com.cruddur.edge.lambda.StreamLambdaHandler")).isTrue();
    assertThat(shipped.stream().filter(c -> c.getPackageName().startsWith("com.cruddur.local")))
        .isEmpty();
    assertThat(shipped.stream().filter(c -> c.getSimpleName().endsWith("Test"))).isEmpty();
  }

  @Test
  void theDomainKnowsNoTelemetryWebOrLambda() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TELEMETRY_SDKS)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(WEB)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(LAMBDA)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("com.cruddur.platform.observe..")
        .check(shipped);
  }

  @Test
  void telemetryKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("com.cruddur.platform.observe..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.cruddur.activity..",
            "com.cruddur.message..",
            "com.cruddur.user..",
            "com.cruddur.health..",
            "com.cruddur.edge..",
            "com.cruddur.app..",
            "com.cruddur.platform.http..")
        .check(shipped);
  }

  @Test
  void theStoreKnowsNoWeb() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "com.cruddur.activity.store..",
            "com.cruddur.message.store..",
            "com.cruddur.platform.dynamo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(WEB)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("com.cruddur.activity.web..", "com.cruddur.message.web..")
        .check(shipped);
  }

  @Test
  void onlyTheEdgesTouchServerlessJavaContainerAndLambdaTypes() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.cruddur.edge..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(LAMBDA)
        .check(shipped);
  }

  @Test
  void nothingReachesBackIntoTheEdgeOrTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackages("com.cruddur.edge..", "com.cruddur.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.cruddur.edge..", "com.cruddur.app..")
        .check(shipped);
  }

  @Test
  void noPackageCycles() {
    slices().matching("com.cruddur.(**)").should().beFreeOfCycles().check(shipped);
  }

  @Test
  void servicesAreNotControllers() {
    classes()
        .that()
        .areAnnotatedWith(RestController.class)
        .should()
        .resideInAnyPackage(
            "..web..", "com.cruddur.health..", "com.cruddur.platform.observe.report..")
        .check(shipped);
  }
}
