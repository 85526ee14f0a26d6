package com.cruddur.edge;

import com.cruddur.platform.observe.log.AccessLog;

/**
 * One access line per request (cruddur.access), with the route, the status and how long the request
 * took.
 */
final class AccessLine implements EdgeObserver {

  @Override
  public void observe(EdgeRequest request, Outcome outcome) {
    AccessLog.log(
        new AccessLog.Line(
            request.route(),
            request.method(),
            request.path(),
            outcome.status(),
            outcome.durationMs(),
            request.sourceIp(),
            request.userAgent()));
  }
}
