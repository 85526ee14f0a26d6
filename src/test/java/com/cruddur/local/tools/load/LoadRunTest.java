package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.support.TestDynamo;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The load tool itself, on a short run of both sides: every request answered, every acknowledged
 * write read back, the baseline sending the store's own request shapes, the server's DynamoDB calls
 * measured. The figures (throughput, ratios, p99) come from the documented run (bin/load), never
 * from a timed test.
 */
class LoadRunTest {

  @Test
  void aShortRunOfBothSidesHasNoErrorsAndReportsRatiosAndTheServersCalls() throws Exception {
    LocalEnvironment dynamo = TestDynamo.freshSeeded();
    Probes probes = Probes.create();
    try (ConfigurableApplicationContext server = LoadRun.startServer(dynamo, Optional.of(probes))) {
      URI base =
          URI.create(
              "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
      Settings settings = Settings.from(Map.of("clients", "4", "seconds", "4", "rounds", "2"));
      Report report = LoadRun.run(settings, base, dynamo, probes);

      assertThat(report.ours().errorSamples()).isEmpty();
      assertThat(report.ours().errors()).isZero();
      assertThat(report.ours().acknowledgedWrites()).isPositive();
      assertThat(report.ours().missingWrites()).isZero();
      assertThat(report.ours().unacknowledged()).isEmpty();
      assertThat(report.baselineErrors()).isEmpty();
      assertThat(report.baseline().errors()).isZero();
      assertThat(report.baseline().routes()).containsKey(Route.CREATE.label);
      // A create's calls are the route's: the current user, then the store's transaction.
      assertThat(report.baselineShapes().get(Route.CREATE.label))
          .startsWith("GetItem, TransactWriteItems (");
      assertThat(report.baselineShapes().get(Route.HOME.label)).startsWith("Query");
      assertThat(report.serverCalls().calls().routes())
          .containsKeys("TransactWriteItems", "GetItem", "Query");
      // Every request the clients sent passed the server's filter (the last few may still be
      // finishing there when the clients stop), none of the read-back's.
      long sent = report.ours().figures().routes().get(Route.CREATE.label).requests();
      assertThat(report.serverTimes().server().routes().get(Route.CREATE.label).requests())
          .isBetween(sent - 4, sent);
      assertThat(report.serverTimes().server().routes())
          .doesNotContainKey("GET /api/activities/{uuid}");
      assertThat(report.phases()).hasSize(4);
      assertThat(report.ok()).isTrue();
      assertThat(report.markdown())
          .contains("| POST /api/activities |")
          .contains("### Ours / baseline")
          .contains("| all routes |")
          .contains("| TransactWriteItems |");
    }
  }
}
