package com.cruddur.platform.observe.report;

import com.rollbar.api.payload.data.Level;
import java.time.Duration;

/**
 * Reports failures to the error tracker (Rollbar). Never throws, and never takes longer than the
 * time given.
 */
public interface ErrorReporter {

  /**
   * @param error the exception, or null for a message-only report
   * @param message the description (the exception's is never sent as the title on its own)
   * @param available how long the caller can wait at most (the report is synchronous)
   */
  void report(
      Level level, Throwable error, String message, ReportedRequest request, Duration available);

  boolean enabled();

  /** Reporting switched off (no token). */
  ErrorReporter OFF =
      new ErrorReporter() {
        @Override
        public void report(
            Level level,
            Throwable error,
            String message,
            ReportedRequest request,
            Duration available) {}

        @Override
        public boolean enabled() {
          return false;
        }
      };
}
