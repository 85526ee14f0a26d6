package com.cruddur.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * bin/profile's view of Spring's startup: registered by a spring.factories that only the profiled
 * JVMs have on their classpath ({@link Profile}), so neither the functions nor the plain baseline
 * change; serverless-java-container builds the SpringApplication itself, so the startup is set on
 * the context, which records from the refresh on (bean definitions, configuration classes,
 * post-processors, bean instantiation).
 */
public final class StartupProfile
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final BufferingApplicationStartup STARTUP = new BufferingApplicationStartup(50_000);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.setApplicationStartup(STARTUP);
  }

  /**
   * JSON: the refresh's duration, each step name's own time (its duration minus its children's),
   * and the top steps by own time with their tags (the bean, the post-processor).
   */
  public static String json(int top) {
    List<TimelineEvent> events = STARTUP.getBufferedTimeline().getEvents();
    Map<Long, Long> childNanos = new HashMap<>();
    for (TimelineEvent event : events) {
      Long parent = event.getStartupStep().getParentId();
      if (parent != null) {
        childNanos.merge(parent, event.getDuration().toNanos(), Long::sum);
      }
    }
    record Step(String name, String tags, long ownNanos, long nanos) {}
    List<Step> steps = new ArrayList<>();
    long refresh = 0;
    for (TimelineEvent event : events) {
      StartupStep step = event.getStartupStep();
      long nanos = event.getDuration().toNanos();
      if (step.getName().equals("spring.context.refresh")) {
        refresh = nanos;
      }
      StringBuilder tags = new StringBuilder();
      step.getTags().forEach(t -> tags.append(tags.length() == 0 ? "" : " ").append(t.getValue()));
      steps.add(
          new Step(
              step.getName(),
              tags.toString().replace("\"", "'"),
              nanos - childNanos.getOrDefault(step.getId(), 0L),
              nanos));
    }
    Map<String, long[]> byName = new TreeMap<>();
    for (Step step : steps) {
      long[] sum = byName.computeIfAbsent(step.name(), n -> new long[2]);
      sum[0] += step.ownNanos();
      sum[1]++;
    }
    StringBuilder out =
        new StringBuilder(
            String.format(Locale.ROOT, "{\"refreshMs\":%.1f,\"byName\":[", refresh / 1e6));
    List<Map.Entry<String, long[]>> names = new ArrayList<>(byName.entrySet());
    names.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]));
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"name\":\"%s\",\"ownMs\":%.1f,\"count\":%d}",
                  names.get(i).getKey(),
                  names.get(i).getValue()[0] / 1e6,
                  names.get(i).getValue()[1]));
    }
    out.append("],\"top\":[");
    steps.sort(Comparator.comparingLong(s -> -s.ownNanos()));
    for (int i = 0; i < Math.min(top, steps.size()); i++) {
      Step step = steps.get(i);
      out.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"name\":\"%s\",\"tags\":\"%s\",\"ownMs\":%.1f,\"ms\":%.1f}",
                  step.name(),
                  step.tags(),
                  step.ownNanos() / 1e6,
                  step.nanos() / 1e6));
    }
    return out.append("]}").toString();
  }
}
