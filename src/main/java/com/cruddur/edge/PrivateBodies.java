package com.cruddur.edge;

import java.util.List;

/**
 * The routes whose request bodies never leave in a report, whatever their fields are named. A
 * direct message's text and its receiver are private between two users, and the {@code Scrubber}
 * masks only what looks like a credential: a message is plain text, so it would pass into Rollbar
 * (a third party) with every 5xx of a send. Activity bodies are public and stay in the reports,
 * where they help to reproduce a failure. Decided here, at the edge, so the telemetry packages stay
 * free of features; a new feature with private bodies adds its path here.
 *
 * <p>Matched by path, for every method, on the route's template and on the raw path, and on
 * anything below them: a request that matched no handler (reported with its raw path as its route)
 * is withheld too.
 */
final class PrivateBodies {

  /** The direct-message routes (POST /api/messages carries the text and the receiver). */
  private static final List<String> PATHS = List.of("/api/messages", "/api/message_groups");

  private PrivateBodies() {}

  static boolean of(EdgeRequest request) {
    String route = request.route();
    String template = route == null ? null : route.substring(route.indexOf(' ') + 1);
    return matches(template) || matches(request.path());
  }

  private static boolean matches(String path) {
    if (path == null) {
      return false;
    }
    for (String p : PATHS) {
      if (path.equals(p) || path.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }
}
