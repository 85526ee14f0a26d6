package com.cruddur.platform.observe.report;

import com.cruddur.platform.CruddurConfig;
import com.rollbar.api.payload.data.Level;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The reporter a Lambda function uses, configured from its environment. The Lambda application
 * builds it once (a bean); the edge builds one of its own only when Spring fails to start, to
 * report that.
 */
public final class ErrorReporting {

  private ErrorReporting() {}

  public static ErrorReporter lambda() {
    return new Renewable(() -> RollbarReporter.create(settings()));
  }

  /**
   * After a SnapStart restore: if reporting came up off although a token secret is configured
   * (Secrets Manager could not be read during the snapshot's init), reads the secret again, so the
   * environment does not stay silent for its whole life. A reporter that is on is kept (the token
   * it read is still valid). Returns whether reporting is on.
   */
  public static boolean afterRestore(ErrorReporter reporter) {
    RollbarSettings settings = settings();
    if (reporter instanceof Renewable renewable
        && settings.accessToken().isEmpty()
        && settings.tokenSecretArn().isPresent()) {
      renewable.renewIfOff();
    }
    return reporter.enabled();
  }

  private static RollbarSettings settings() {
    return RollbarSettings.from(CruddurConfig::processValue, "aws-lambda", "prod");
  }

  /**
   * A reporter whose delegate can be built again while it is off; reports go to the current one.
   */
  static final class Renewable implements ErrorReporter {
    private final Supplier<ErrorReporter> factory;
    private volatile ErrorReporter current;

    Renewable(Supplier<ErrorReporter> factory) {
      this.factory = factory;
      this.current = factory.get();
    }

    void renewIfOff() {
      if (!current.enabled()) {
        current = factory.get();
      }
    }

    @Override
    public void report(
        Level level, Throwable error, String message, ReportedRequest request, Duration available) {
      current.report(level, error, message, request, available);
    }

    @Override
    public boolean enabled() {
      return current.enabled();
    }
  }
}
