package com.cruddur.local.tools.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a load run does, read once from bin/load's {@code --name value} options, every problem
 * named.
 *
 * @param clients concurrent clients, on each side
 * @param seconds total run time of each side (ours and the baseline), split over the rounds
 * @param rounds how many times the baseline and our stack alternate (baseline first)
 * @param sides which sides run
 * @param mix the frontend's mix or creates only
 * @param baselineWrite how the baseline writes a create: the full transaction, or only the activity
 *     item as one PutItem (to see what the transaction's size costs)
 * @param url a running server to load instead of one started here (no baseline then: it needs the
 *     same DynamoDB Local instance)
 */
record Settings(
    int clients,
    int seconds,
    int rounds,
    Sides sides,
    Route.Mix mix,
    BaselineWrite baselineWrite,
    Optional<URI> url) {

  enum Sides {
    BOTH,
    BASELINE,
    STACK
  }

  enum BaselineWrite {
    TRANSACTION,
    PUT
  }

  private static final Set<String> KNOWN =
      Set.of("clients", "seconds", "rounds", "sides", "mix", "baseline-write", "url");

  static Settings from(Map<String, String> options) {
    List<String> problems = new ArrayList<>();
    options.keySet().stream()
        .filter(name -> !KNOWN.contains(name))
        .forEach(name -> problems.add("unknown option --" + name));
    int clients = positive(options, "clients", 50, problems);
    int seconds = positive(options, "seconds", 60, problems);
    int rounds = positive(options, "rounds", 2, problems);
    Sides sides = choice(options, "sides", Sides.BOTH, Sides.class, problems);
    Route.Mix mix = choice(options, "mix", Route.Mix.FRONTEND, Route.Mix.class, problems);
    BaselineWrite write =
        choice(options, "baseline-write", BaselineWrite.TRANSACTION, BaselineWrite.class, problems);
    Optional<URI> url = Optional.ofNullable(options.get("url")).map(URI::create);
    if (url.isPresent() && sides != Sides.STACK) {
      problems.add(
          "--url loads a running server, whose DynamoDB the baseline cannot share: add --sides"
              + " stack");
    }
    if (rounds > seconds) {
      problems.add("--rounds " + rounds + " leaves less than a second per round");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Settings(clients, seconds, rounds, sides, mix, write, url);
  }

  boolean runsBaseline() {
    return sides != Sides.STACK;
  }

  boolean runsStack() {
    return sides != Sides.BASELINE;
  }

  private static int positive(
      Map<String, String> options, String name, int fallback, List<String> problems) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    problems.add("--" + name + " must be a positive whole number, not " + value);
    return fallback;
  }

  private static <E extends Enum<E>> E choice(
      Map<String, String> options, String name, E fallback, Class<E> type, List<String> problems) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        allowed.add(constant.name().toLowerCase(Locale.ROOT));
      }
      problems.add("--" + name + " is one of " + allowed + ", not " + value);
      return fallback;
    }
  }
}
