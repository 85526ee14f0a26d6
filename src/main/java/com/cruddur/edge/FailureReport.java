package com.cruddur.edge;

import com.cruddur.platform.observe.report.ErrorReporter;
import com.rollbar.api.payload.data.Level;

/**
 * Reports every 5xx before the request returns: with the exception when the application caught one,
 * as a message when the framework produced the 5xx itself, and any exception that escaped. 4xx are
 * not reported. The report waits at most the request's time left, and never changes the response.
 */
final class FailureReport implements EdgeObserver {

  private final ErrorReporter reporter;

  FailureReport(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public void observe(EdgeRequest request, Outcome outcome) {
    if (outcome.status() < 500 || !reporter.enabled()) {
      return;
    }
    String message =
        outcome.escaped()
            ? "Unhandled exception in " + request.route()
            : "HTTP " + outcome.status() + " from " + request.route();
    reporter.report(
        Level.ERROR, outcome.failure(), message, request.reported(), request.timeLeft().get());
  }
}
