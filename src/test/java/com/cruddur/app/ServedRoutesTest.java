package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@link ServesRoutes}: a feature is built in the functions that serve one of its routes, with what
 * it imports, and everywhere when no routes are set.
 */
class ServedRoutesTest {

  record Shared() {}

  record Feed() {}

  record Health() {}

  @Configuration(proxyBeanMethods = false)
  static class SharedConfiguration {
    @Bean
    Shared shared() {
      return new Shared();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ServesRoutes({"GET /api/activities/home", "POST /api/activities"})
  @Import(SharedConfiguration.class)
  static class FeedConfiguration {
    @Bean
    Feed feed() {
      return new Feed();
    }
  }

  /** Without the annotation: built in every function, as a new feature is until it says more. */
  @Configuration(proxyBeanMethods = false)
  static class HealthConfiguration {
    @Bean
    Health health() {
      return new Health();
    }
  }

  private static ApplicationContextRunner function(String routes) {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withUserConfiguration(FeedConfiguration.class, HealthConfiguration.class);
    if (routes == null) {
      return runner;
    }
    return runner.withInitializer(
        context ->
            context
                .getEnvironment()
                .getPropertySources()
                .addFirst(
                    new MapPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(ServedRoutes.VARIABLE, routes))));
  }

  private static void everyFeatureIsBuilt(AssertableApplicationContext context) {
    assertThat(context)
        .hasSingleBean(Feed.class)
        .hasSingleBean(Shared.class)
        .hasSingleBean(Health.class);
  }

  @Test
  void withoutRoutesEveryFeatureIsBuilt() {
    function(null).run(ServedRoutesTest::everyFeatureIsBuilt);
  }

  @Test
  void aFunctionServingOneOfAFeaturesRoutesBuildsItAndItsImports() {
    function(" GET /api/health-check , POST /api/activities ")
        .run(ServedRoutesTest::everyFeatureIsBuilt);
  }

  @Test
  void aFunctionServingNoneOfAFeaturesRoutesSkipsItAndWhatOnlyItImports() {
    function("GET /api/health-check")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(Feed.class)
                    .doesNotHaveBean(Shared.class)
                    .hasSingleBean(Health.class));
  }

  @Test
  void anImportAnotherBuiltConfigurationSharesIsStillBuilt() {
    function("GET /api/health-check")
        .withUserConfiguration(SharedConfiguration.class)
        .run(
            context -> assertThat(context).doesNotHaveBean(Feed.class).hasSingleBean(Shared.class));
  }

  @Test
  void systemPropertiesDoNotSelectRoutes() {
    // The in-JVM harness sets a function's variables as system properties around one shared
    // context: that context must serve every function.
    new ApplicationContextRunner()
        .withUserConfiguration(FeedConfiguration.class)
        .withSystemProperties(ServedRoutes.VARIABLE + "=GET /api/health-check")
        .run(context -> assertThat(context).hasSingleBean(Feed.class));
  }

  @Test
  void routesAreCommaSeparated() {
    assertThat(ServedRoutes.parse(" GET /a ,, POST /b ")).isEqualTo(Set.of("GET /a", "POST /b"));
    assertThat(ServedRoutes.parse("  ")).isEmpty();
    assertThat(ServedRoutes.parse(null)).isEmpty();
  }
}
