package com.cruddur.edge;

import com.cruddur.platform.observe.report.ErrorReporter;
import com.cruddur.platform.observe.trace.Otel;
import java.util.ArrayList;
import java.util.List;

/**
 * Something both edges do once a request has ended, with the same record and outcome in Lambda and
 * locally: report a 5xx, describe the request on the OpenTelemetry span, write the access line. An
 * observer never throws.
 */
public interface EdgeObserver {

  void observe(EdgeRequest request, Outcome outcome);

  /**
   * The observers of both edges, in the order they run: the report first, the access line (timed)
   * last.
   */
  static List<EdgeObserver> standard(ErrorReporter reporter) {
    List<EdgeObserver> observers = new ArrayList<>();
    observers.add(new FailureReport(reporter));
    if (Otel.PRESENT) {
      observers.add(new OtelRequest());
    }
    observers.add(new AccessLine());
    return List.copyOf(observers);
  }

  static void notifyAll(List<EdgeObserver> observers, EdgeRequest request, Outcome outcome) {
    for (EdgeObserver observer : observers) {
      observer.observe(request, outcome);
    }
  }
}
