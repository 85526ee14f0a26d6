package com.cruddur.platform.observe.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.TestRollbar;
import com.cruddur.support.TestSecretsManager;
import com.rollbar.api.payload.data.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * After a SnapStart restore, reporting that came up off (the token secret could not be read while
 * the snapshot's environment initialised) is set up again, and reporting that is on is left as it
 * is.
 */
class ErrorReportingRestoreTest {

  @Test
  void aReporterThatCameUpOffReadsTheSecretAgain() {
    String arn =
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/rollbar-restore-XyZ123";
    RollbarSettings settings =
        RollbarSettings.from(
            Map.of(
                    RollbarSettings.TOKEN_SECRET_ARN,
                    arn,
                    "CRUDDUR_SECRETSMANAGER_ENDPOINT",
                    TestSecretsManager.get().endpoint().toString(),
                    "CRUDDUR_ROLLBAR_ENDPOINT",
                    TestRollbar.get().endpoint().toString())
                ::get,
            "aws-lambda",
            "test");
    // The secret is not there yet: to the container, as if Secrets Manager had been unreachable
    // during init.
    ErrorReporting.Renewable reporter =
        new ErrorReporting.Renewable(() -> RollbarReporter.create(settings));
    assertThat(reporter.enabled()).isFalse();

    TestSecretsManager.get().put(arn, TestRollbar.TOKEN);
    reporter.renewIfOff();

    assertThat(reporter.enabled()).isTrue();
    assertThat(TestSecretsManager.get().reads(arn)).isEqualTo(1);
    reporter.renewIfOff();
    assertThat(TestSecretsManager.get().reads(arn))
        .as("a reporter that is on keeps its token")
        .isEqualTo(1);
  }

  @Test
  void aReporterThatIsOnIsNotBuiltAgain() {
    AtomicInteger built = new AtomicInteger();
    ErrorReporting.Renewable reporter =
        new ErrorReporting.Renewable(
            () -> {
              built.incrementAndGet();
              return new ErrorReporter() {
                @Override
                public void report(
                    Level level,
                    Throwable error,
                    String message,
                    ReportedRequest request,
                    Duration available) {}

                @Override
                public boolean enabled() {
                  return true;
                }
              };
            });
    reporter.renewIfOff();
    assertThat(built).hasValue(1);
  }
}
