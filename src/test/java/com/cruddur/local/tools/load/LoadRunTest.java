package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.support.TestDynamo;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The load tool itself, on a short run: every request answered, every acknowledged write read back.
 * The figures (throughput, p99) come from the documented 50-client, 60-second run (bin/load), never
 * from a timed test.
 */
class LoadRunTest {

  @Test
  void aShortRunHasNoErrorsAndEveryAcknowledgedWriteIsReadable() throws Exception {
    LocalEnvironment dynamo = TestDynamo.freshSeeded();
    try (ConfigurableApplicationContext server = LoadRun.startServer(dynamo)) {
      URI base =
          URI.create(
              "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
      LoadRun.Result result = new LoadRun(base).run(8, Duration.ofSeconds(3));
      assertThat(result.errorSamples()).isEmpty();
      assertThat(result.errors()).isZero();
      assertThat(result.requests()).isPositive();
      assertThat(result.acknowledgedWrites()).isPositive();
      assertThat(result.missingWrites()).isZero();
      assertThat(LoadRun.report(result, 8, 3))
          .contains("| GET /api/activities/home |")
          .contains("p99 ms");
    }
  }
}
