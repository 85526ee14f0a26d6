package com.cruddur.errors;

import com.cruddur.config.CruddurConfig;

/** The reporter a Lambda container uses, built once, before Spring, so an init failure can be reported too. */
public final class ErrorReporting {

  private static ErrorReporter lambda;

  private ErrorReporting() {}

  public static synchronized ErrorReporter lambda() {
    if (lambda == null) {
      lambda = RollbarReporter.create(RollbarSettings.from(CruddurConfig::processValue, "aws-lambda", "prod"));
    }
    return lambda;
  }
}
