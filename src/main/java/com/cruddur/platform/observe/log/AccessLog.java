package com.cruddur.platform.observe.log;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entries;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, structured and at a level that follows the outcome: INFO for 2xx/3xx, WARN
 * for 4xx, ERROR for 5xx. Query strings, headers and bodies are never logged: they can carry
 * tokens.
 */
public final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("cruddur.access");

  private AccessLog() {}

  public record Line(
      String route,
      String method,
      String path,
      int status,
      double durationMs,
      String sourceIp,
      String userAgent) {}

  public static void log(Line line) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(LogFields.ROUTE, line.route());
    fields.put(LogFields.METHOD, line.method());
    fields.put(LogFields.PATH, line.path());
    fields.put(LogFields.STATUS, line.status());
    fields.put(LogFields.DURATION_MS, Math.round(line.durationMs() * 100) / 100.0);
    if (line.sourceIp() != null) {
      fields.put(LogFields.SOURCE_IP, line.sourceIp());
    }
    if (line.userAgent() != null) {
      fields.put(LogFields.USER_AGENT, truncate(line.userAgent(), 256));
    }
    String message = line.method() + " " + line.path() + " " + line.status();
    if (line.status() >= 500) {
      log.error(message, entries(fields));
    } else if (line.status() >= 400) {
      log.warn(message, entries(fields));
    } else {
      log.info(message, entries(fields));
    }
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
