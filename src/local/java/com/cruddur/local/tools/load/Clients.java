package com.cruddur.local.tools.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** N client threads, each doing its next request as soon as the last one finished, for a while. */
final class Clients {

  /** One request, for a draw in [0, 100) that picks the route. */
  interface Request {
    void send(Route route, int draw) throws InterruptedException;
  }

  private Clients() {}

  /**
   * Runs {@code request} on {@code clients} threads named {@code name-1…} until {@code length} has
   * passed (a request under way finishes), and returns the wall seconds it took.
   */
  static double run(int clients, Duration length, String name, Route.Mix mix, Request request)
      throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + length.toNanos();
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            clients, r -> new Thread(r, name + "-" + names.incrementAndGet()));
    for (int c = 0; c < clients; c++) {
      pool.submit(
          () -> {
            try {
              while (System.nanoTime() < deadline) {
                int draw = ThreadLocalRandom.current().nextInt(100);
                request.send(Route.pick(mix, draw), draw);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              CpuUse.threadEnding();
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
    return (System.nanoTime() - started) / 1e9;
  }
}
