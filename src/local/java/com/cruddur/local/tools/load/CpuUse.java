package com.cruddur.local.tools.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU went during a phase: the whole machine (busy share of all cores, from /proc/stat,
 * so other people's builds show), the 1-minute load average, this JVM (which holds the load
 * clients, the server and DynamoDB Local), and this JVM's threads grouped by what their names say
 * they are. Thread groups are a heuristic by name and miss threads that ended during the phase.
 */
final class CpuUse {

  /** A reading at one moment. */
  record Reading(
      long nanos,
      long machineBusy,
      long machineTotal,
      long processCpuNanos,
      Map<Long, Long> threads,
      Map<String, Long> ended) {}

  /**
   * Between two readings.
   *
   * @param machineBusyShare busy jiffies / all jiffies of all cores (1.0 = every core busy)
   * @param processCores this JVM's CPU seconds per wall second (2.0 = two cores' worth)
   * @param groups CPU seconds per wall second by thread group
   */
  record Use(
      double seconds,
      double machineBusyShare,
      double loadAverage,
      double processCores,
      Map<String, Double> groups) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Map<Long, String> NAMES = new HashMap<>();

  /** CPU of the clients' threads that have ended, by group: they end with their phase. */
  private static final Map<String, Long> ENDED = new HashMap<>();

  private CpuUse() {}

  static Reading read() {
    long[] machine = machine();
    Map<Long, Long> threads = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        threads.put(id, cpu);
        ThreadInfo info = THREADS.getThreadInfo(id);
        if (info != null) {
          synchronized (NAMES) {
            NAMES.put(id, info.getThreadName());
          }
        }
      }
    }
    Map<String, Long> ended;
    synchronized (ENDED) {
      ended = new HashMap<>(ENDED);
    }
    return new Reading(System.nanoTime(), machine[0], machine[1], processCpu(), threads, ended);
  }

  /** A client thread's last act: what it used is counted though it will not be there to read. */
  static void threadEnding() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    if (cpu >= 0) {
      synchronized (ENDED) {
        ENDED.merge(group(Thread.currentThread().getName()), cpu, Long::sum);
      }
    }
  }

  static Use between(Reading from, Reading to) {
    double wall = (to.nanos() - from.nanos()) / 1e9;
    long total = to.machineTotal() - from.machineTotal();
    Map<String, Double> groups = new TreeMap<>();
    to.threads()
        .forEach(
            (id, cpu) -> {
              long before = from.threads().getOrDefault(id, 0L);
              String name;
              synchronized (NAMES) {
                name = NAMES.getOrDefault(id, "?");
              }
              groups.merge(group(name), (cpu - before) / 1e9 / wall, Double::sum);
            });
    to.ended()
        .forEach(
            (group, cpu) ->
                groups.merge(
                    group, (cpu - from.ended().getOrDefault(group, 0L)) / 1e9 / wall, Double::sum));
    return new Use(
        wall,
        total <= 0 ? Double.NaN : (double) (to.machineBusy() - from.machineBusy()) / total,
        loadAverage(),
        (to.processCpuNanos() - from.processCpuNanos()) / 1e9 / wall,
        groups);
  }

  /** What a thread is, by the names its pool gives it. */
  static String group(String name) {
    if (name.startsWith("load-client") || name.startsWith("HttpClient")) {
      return "load clients (ours: HTTP)";
    }
    if (name.startsWith("baseline-client")) {
      return "baseline clients (SDK)";
    }
    if (name.startsWith("http-nio")) {
      return "server (Tomcat request threads)";
    }
    if (name.startsWith("SQLiteQueue")) {
      // sqlite4java's queue: every SQL statement of DynamoDB Local's database runs on this thread.
      return "DynamoDB Local's SQLite thread";
    }
    if (name.startsWith("qtp")) {
      return "DynamoDB Local (Jetty threads)";
    }
    if (name.startsWith("C1 ")
        || name.startsWith("C2 ")
        || name.contains("GC")
        || name.startsWith("G1")
        || "VM Thread".equals(name)) {
      return "JIT, GC and the VM thread";
    }
    return "other";
  }

  /** busy and total jiffies of all cores; zeros where /proc/stat is not there. */
  private static long[] machine() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < cpu.length; i++) {
        total += Long.parseLong(cpu[i]);
      }
      long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
