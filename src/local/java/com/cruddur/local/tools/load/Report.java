package com.cruddur.local.tools.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load run's report, in Markdown: our stack, the baseline, ours as ratios to it, what the
 * server's DynamoDB calls took, and where the CPU went.
 */
record Report(
    Settings settings,
    LoadRun.Result ours,
    LoadRun.Afterwards afterwards,
    Figures baseline,
    Map<String, String> baselineShapes,
    List<String> baselineErrors,
    DynamoCallTimes.Snapshot serverCalls,
    ServerTimes.Snapshot serverTimes,
    List<Phase> phases) {

  /** One phase's CPU use. */
  record Phase(String name, CpuUse.Use use) {}

  /** No acknowledged write missing, no retry answering another activity than the stored one. */
  boolean ok() {
    return (ours == null || ours.missingWrites() == 0)
        && (afterwards == null || afterwards.wrong() == 0);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        format(
            "Load run: %d clients, %s mix, %d round(s) of %.0f s per side (baseline first, then our"
                + " stack), %d cores, Java %s. One JVM holds the clients, the server and DynamoDB"
                + " Local.%n%n",
            settings.clients(),
            settings.mix().name().toLowerCase(Locale.ROOT),
            settings.rounds(),
            settings.seconds() / (double) settings.rounds(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version")));
    if (ours != null) {
      out.append("### Our stack (HTTP → local server → DynamoDB Local)\n\n");
      out.append(
          format(
              "requests %d, errors %d (%s), throughput %.1f req/s; creates acknowledged %d, missing"
                  + " on read-back %d%n%n",
              ours.requests(),
              ours.errors(),
              percent(rate(ours.errors(), ours.requests())),
              ours.throughput(),
              ours.acknowledgedWrites(),
              ours.missingWrites()));
      if (afterwards != null && afterwards.unacknowledged() > 0) {
        out.append(
            format(
                "Unacknowledged creates %d: stored anyway %d (their idempotency record exists);"
                    + " retried afterwards with the same key: %d answered 200, %d of the stored ones"
                    + " with the stored activity; wrong (another activity, or a failed retry) %d%n%n",
                afterwards.unacknowledged(),
                afterwards.landed(),
                afterwards.retriedOk(),
                afterwards.sameActivity(),
                afterwards.wrong()));
      }
      table(out, ours.figures());
    }
    if (baseline.requests() > 0) {
      out.append(
          "\n### Baseline (the same DynamoDB requests per route, sent directly with the SDK: no"
              + " HTTP, no Spring, no call budget)\n\n");
      out.append(
          format(
              "requests %d, errors %d (%s), throughput %.1f req/s; baseline write: %s%n%n",
              baseline.requests(),
              baseline.errors(),
              percent(rate(baseline.errors(), baseline.requests())),
              baseline.throughput(),
              settings.baselineWrite().name().toLowerCase(Locale.ROOT)));
      baselineShapes.forEach(
          (route, shape) -> out.append("- ").append(route).append(": ").append(shape).append('\n'));
      out.append('\n');
      table(out, baseline);
      if (!baselineErrors.isEmpty()) {
        out.append("\nbaseline errors (first ").append(baselineErrors.size()).append("):\n");
        baselineErrors.forEach(e -> out.append("  ").append(e).append('\n'));
      }
    }
    if (ours != null && baseline.requests() > 0) {
      out.append("\n### Ours / baseline\n\n");
      out.append(
          "| route | throughput × | p50 × | p99 × | errors ours | errors baseline |\n"
              + "|---|---:|---:|---:|---:|---:|\n");
      for (Comparison.Row row : Comparison.rows(ours.figures(), baseline)) {
        out.append(
            format(
                "| %s | %s | %s | %s | %s | %s |%n",
                row.route(),
                times(row.throughputRatio()),
                times(row.p50Ratio()),
                times(row.p99Ratio()),
                percent(row.oursErrorRate()),
                percent(row.baselineErrorRate())));
      }
    }
    if (serverCalls.calls().requests() > 0) {
      out.append(
          "\n### Inside our server: its DynamoDB calls (SDK call start → end, retries included)\n\n");
      out.append(
          "| operation | calls | failed | HTTP attempts per call | p50 ms | p95 ms | p99 ms | max ms"
              + " |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
      serverCalls
          .calls()
          .routes()
          .forEach(
              (operation, figures) ->
                  out.append(
                      format(
                          "| %s | %d | %d | %.2f | %s | %s | %s | %s |%n",
                          operation,
                          figures.requests(),
                          figures.errors(),
                          serverCalls.attempts().getOrDefault(operation, 0L)
                              / (double) figures.requests(),
                          millis(figures.percentileMillis(50)),
                          millis(figures.percentileMillis(95)),
                          millis(figures.percentileMillis(99)),
                          millis(figures.percentileMillis(100)))));
      if (!serverCalls.failures().isEmpty()) {
        out.append("\nfailed calls by exception: ");
        serverCalls
            .failures()
            .forEach((kind, n) -> out.append(kind).append(' ').append(n).append("; "));
        out.append('\n');
      }
    }
    if (ours != null && serverTimes.server().requests() > 0) {
      out.append(
          "\n### Where our requests' time goes: client-measured, then inside the server (outermost"
              + " filter), split per request into DynamoDB calls and the rest\n\n");
      out.append(
          "| route | client p50 ms | server p50 ms | DynamoDB p50 ms | rest p50 ms | client p99 ms |"
              + " server p99 ms | DynamoDB p99 ms | rest p99 ms |\n"
              + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String route : ordered(serverTimes.server().routes().keySet())) {
        Figures.PerRoute client = ours.figures().routes().get(route);
        Figures.PerRoute server = serverTimes.server().routes().get(route);
        Figures.PerRoute dynamo = serverTimes.dynamo().routes().get(route);
        Figures.PerRoute rest = serverTimes.rest().routes().get(route);
        out.append(
            format(
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                route,
                client == null ? "–" : millis(client.percentileMillis(50)),
                millis(server.percentileMillis(50)),
                millis(dynamo.percentileMillis(50)),
                millis(rest.percentileMillis(50)),
                client == null ? "–" : millis(client.percentileMillis(99)),
                millis(server.percentileMillis(99)),
                millis(dynamo.percentileMillis(99)),
                millis(rest.percentileMillis(99))));
      }
    }
    if (!phases.isEmpty()) {
      out.append(
          "\n### CPU (machine: all cores, all processes; JVM: CPU seconds per wall second)\n\n");
      out.append(
          "| phase | wall s | machine busy | load avg 1 min (end) | this JVM, cores | by thread"
              + " group, cores |\n|---|---:|---:|---:|---:|---|\n");
      for (Phase phase : phases) {
        StringBuilder groups = new StringBuilder();
        phase
            .use()
            .groups()
            .forEach(
                (group, cores) -> {
                  if (cores >= 0.005) {
                    groups.append(format("%s %.2f; ", group, cores));
                  }
                });
        out.append(
            format(
                "| %s | %.1f | %s | %.2f | %.2f | %s |%n",
                phase.name(),
                phase.use().seconds(),
                percent(phase.use().machineBusyShare()),
                phase.use().loadAverage(),
                phase.use().processCores(),
                groups.toString().strip()));
      }
    }
    if (ours != null && !ours.errorSamples().isEmpty()) {
      out.append("\nerrors (first ").append(ours.errorSamples().size()).append("):\n");
      ours.errorSamples().forEach(e -> out.append("  ").append(e).append('\n'));
    }
    return out.toString();
  }

  private static void table(StringBuilder out, Figures figures) {
    out.append(
        "| route | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (String route : ordered(figures.routes().keySet())) {
      Figures.PerRoute f = figures.routes().get(route);
      out.append(
          format(
              "| %s | %d | %d | %s | %s | %s | %s |%n",
              route,
              f.requests(),
              f.errors(),
              millis(f.percentileMillis(50)),
              millis(f.percentileMillis(95)),
              millis(f.percentileMillis(99)),
              millis(f.percentileMillis(100))));
    }
  }

  /** The load's routes in the mix's order, then anything else as it came. */
  static List<String> ordered(java.util.Collection<String> labels) {
    List<String> out = new java.util.ArrayList<>();
    for (Route route : Route.values()) {
      if (labels.contains(route.label)) {
        out.add(route.label);
      }
    }
    labels.stream().filter(l -> !out.contains(l)).forEach(out::add);
    return out;
  }

  static String times(double ratio) {
    return Double.isNaN(ratio) ? "–" : format("%.2f", ratio);
  }

  static String percent(double share) {
    return Double.isNaN(share) ? "–" : format("%.1f %%", share * 100);
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "–" : format("%.1f", value);
  }

  private static double rate(long errors, long requests) {
    return requests == 0 ? Double.NaN : (double) errors / requests;
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
