package com.cruddur.activity.store;

import com.cruddur.activity.Activity;
import com.cruddur.activity.Ttl;
import com.cruddur.common.Timestamps;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code bin/bench --scale}: do the feeds slow down as the table grows? Two DynamoDB Local tables,
 * one with 1,000 activities and one with 100,000 (the demo users, spread over the last 29 days, all
 * live), and the home feed and a user feed through the real handlers against each, interleaved,
 * after a warm-up. Reports medians and p99 per size and the large/small ratio (target ≤ 1.5).
 * Writes target/scale.md.
 */
public final class ScaleBench {

  private ScaleBench() {}

  public static void main(String[] arguments) throws Exception {
    int small = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000;
    int large = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 100_000;
    int runs = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 1_000;
    Path template = Path.of("template.yaml");
    try (LocalEnvironment smallTable = LocalEnvironment.start(template, 0, "cruddur-scale-small");
        LocalEnvironment largeTable = LocalEnvironment.start(template, 0, "cruddur-scale-large")) {
      Map<String, LocalEnvironment> tables = new LinkedHashMap<>();
      for (var entry :
          Map.of(small, smallTable, large, largeTable).entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .toList()) {
        long start = System.nanoTime();
        entry.getValue().seed();
        fill(entry.getValue(), entry.getKey());
        System.err.printf(
            "%,d activities written in %.1f s%n",
            entry.getKey(), (System.nanoTime() - start) / 1e9);
        tables.put(String.format(Locale.ROOT, "%,d", entry.getKey()), entry.getValue());
      }
      Map<String, String> routes = new LinkedHashMap<>();
      routes.put("HomeActivitiesFunction", "events/home.json");
      routes.put("ShowActivityFunction", "events/user-activities.json");

      // Each (table, route) in its own JVM: the handler keeps its Spring context (and table) for
      // the JVM's life. bin/invoke's harness runs the event warm-up + runs times and reports each
      // invocation's duration.
      Map<String, long[]> timings = new LinkedHashMap<>();
      for (var route : routes.entrySet()) {
        for (var table : tables.entrySet()) {
          long[] durations =
              invocations(route.getKey(), route.getValue(), table.getValue(), 200 + runs);
          timings.put(
              table.getKey() + " " + route.getKey(),
              Arrays.copyOfRange(durations, 200, durations.length));
        }
      }
      StringBuilder out =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "Feed latency by table size: %d invocations"
                      + " each after 200 warm-up, through the real handler in a fresh JVM per table and route (%d cores,"
                      + " Java %s), against DynamoDB Local.%n%n"
                      + "| route | activities | median ms | p99 ms |%n|---|---:|---:|---:|%n",
                  runs,
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("java.version")));
      Map<String, Double> medians = new LinkedHashMap<>();
      timings.forEach(
          (key, values) -> {
            Arrays.sort(values);
            double median = values[values.length / 2] / 1000.0;
            medians.put(key, median);
            String[] parts = key.split(" ");
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %.2f |%n",
                    parts[1],
                    parts[0],
                    median,
                    values[(int) Math.ceil(values.length * 0.99) - 1] / 1000.0));
          });
      String smallKey = String.format(Locale.ROOT, "%,d", small);
      String largeKey = String.format(Locale.ROOT, "%,d", large);
      out.append('\n');
      for (String route : routes.keySet()) {
        out.append(
            String.format(
                Locale.ROOT,
                "%s: median at %s / at %s = %.2f%n",
                route,
                largeKey,
                smallKey,
                medians.get(largeKey + " " + route) / medians.get(smallKey + " " + route)));
      }
      System.out.println(out);
      Files.writeString(Path.of("target", "scale.md"), out.toString(), StandardCharsets.UTF_8);
    }
    System.exit(0);
  }

  /**
   * Runs the event {@code count} times in one fresh JVM; returns each invocation's duration in
   * microseconds.
   */
  static long[] invocations(String function, String event, LocalEnvironment table, int count)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=UTC",
                "-cp",
                System.getProperty("java.class.path"),
                "com.cruddur.local.sam.LocalInvoke",
                function));
    for (int i = 0; i < count; i++) {
      command.add(event);
    }
    command.addAll(
        List.of("--endpoint", table.endpoint().toString(), "--table", table.tableName()));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(function + " failed: " + err.lines().limit(20).toList());
    }
    long[] durations =
        Pattern.compile("REPORT RequestId: \\S+ Function: \\S+ Duration: ([0-9.]+) ms")
            .matcher(err)
            .results()
            .mapToLong(m -> (long) (Double.parseDouble(m.group(1)) * 1000))
            .toArray();
    if (durations.length != count) {
      throw new IllegalStateException(
          function + ": " + durations.length + " of " + count + " invocations reported");
    }
    return durations;
  }

  /**
   * Activities by the demo users over the last 29 days, written in batches of 25 from 4 threads.
   */
  static void fill(LocalEnvironment env, int count) throws Exception {
    UserRepository users = new UserRepository(env.client(), env.tableName());
    List<User> authors = new ArrayList<>();
    for (String handle : List.of("andrewbrown", "worf", "garek", "coco")) {
      users.findByHandle(handle).ifPresent(authors::add);
    }
    Instant now = Timestamps.truncate(Instant.now());
    Random random = new Random(42);
    List<Map<String, AttributeValue>> items = new ArrayList<>(count + 30);
    for (int d = 0; d < 30; d++) {
      items.add(ActivityItems.feedDayItem(Timestamps.day(now.minus(Duration.ofDays(d)))));
    }
    for (int i = 0; i < count; i++) {
      User author = authors.get(random.nextInt(authors.size()));
      Instant created = now.minusSeconds(60 + (long) random.nextInt(29 * 24 * 3600));
      items.add(
          ActivityItems.activityItem(
              new Activity(
                  new UUID(random.nextLong(), random.nextLong()),
                  author.uuid(),
                  author.handle(),
                  author.displayName(),
                  "scale test activity " + i,
                  0,
                  0,
                  0,
                  created,
                  created.plus(Ttl.LONGEST),
                  List.of(),
                  0)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> writes = new ArrayList<>();
    for (int from = 0; from < items.size(); from += 25) {
      List<Map<String, AttributeValue>> batch =
          items.subList(from, Math.min(items.size(), from + 25));
      writes.add(
          pool.submit(
              () -> {
                Map<String, List<WriteRequest>> unprocessed =
                    Map.of(
                        env.tableName(),
                        batch.stream()
                            .map(
                                item ->
                                    WriteRequest.builder()
                                        .putRequest(PutRequest.builder().item(item).build())
                                        .build())
                            .toList());
                while (!unprocessed.isEmpty()) {
                  Map<String, List<WriteRequest>> request = unprocessed;
                  unprocessed =
                      env.client().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
              }));
    }
    for (Future<?> write : writes) {
      write.get();
    }
    pool.shutdown();
  }
}
