package com.cruddur.support;

/**
 * Starts a loopback stand-in (an HTTP server, a UDP socket) the first time a test asks for it. What
 * they share is this, not the protocol: a failure to bind is a broken test machine, so it is
 * unchecked.
 */
final class StandIn {

  /** Binds a stand-in; may throw whatever binding it throws. */
  @FunctionalInterface
  interface Start<T> {
    T start() throws Exception;
  }

  private StandIn() {}

  static <T> T start(Start<T> start) {
    try {
      return start.start();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
