package com.cruddur.local.tools.load;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside the server under load, outermost filter: each request's time in the server (from the first
 * filter to the response), and of that, the part spent in DynamoDB calls ({@link DynamoCallTimes}
 * on the same thread) and the rest (our code, Spring, the servlet container's filters, and waiting
 * for a core). What a client measures beyond the server's time is connection handling and queueing
 * before the first filter.
 */
final class ServerTimes extends OncePerRequestFilter {

  /** Per route: in the server, in DynamoDB, and the rest, each per request. */
  record Snapshot(Figures server, Figures dynamo, Figures rest) {

    static final Snapshot NONE = new Snapshot(Figures.NONE, Figures.NONE, Figures.NONE);

    Snapshot plus(Snapshot other) {
      return new Snapshot(
          server.plus(other.server), dynamo.plus(other.dynamo), rest.plus(other.rest));
    }
  }

  private final DynamoCallTimes calls;
  private final Figures.Tally server = new Figures.Tally();
  private final Figures.Tally dynamo = new Figures.Tally();
  private final Figures.Tally rest = new Figures.Tally();

  ServerTimes(DynamoCallTimes calls) {
    this.calls = calls;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    calls.takeThreadNanos();
    try {
      chain.doFilter(request, response);
    } finally {
      long total = System.nanoTime() - start;
      long inDynamo = calls.takeThreadNanos();
      String route = route(request.getMethod(), request.getRequestURI());
      boolean failed = response.getStatus() != 200;
      server.record(route, total / 1000, failed);
      dynamo.record(route, inDynamo / 1000, failed);
      rest.record(route, (total - inDynamo) / 1000, failed);
    }
  }

  /** The load run's route label of a request; anything else by method and path. */
  static String route(String method, String path) {
    if ("POST".equals(method) && "/api/activities".equals(path)) {
      return Route.CREATE.label;
    }
    if ("GET".equals(method)) {
      if ("/api/activities/home".equals(path)) {
        return Route.HOME.label;
      }
      if ("/api/activities/search".equals(path)) {
        return Route.SEARCH.label;
      }
      if (path.startsWith("/api/activities/@")) {
        return Route.USER_FEED.label;
      }
      if (path.startsWith("/api/activities/")) {
        return "GET /api/activities/{uuid}";
      }
    }
    return method + " other";
  }

  synchronized Snapshot take(double seconds) {
    Snapshot snapshot =
        new Snapshot(server.figures(seconds), dynamo.figures(seconds), rest.figures(seconds));
    server.clear();
    dynamo.clear();
    rest.clear();
    return snapshot;
  }
}
