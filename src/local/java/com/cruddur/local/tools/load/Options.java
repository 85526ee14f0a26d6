package com.cruddur.local.tools.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --name value} arguments bin/load and bin/bench take, so both read them the same way.
 */
public final class Options {

  private Options() {}

  /**
   * Each name (without its dashes) to its value; a later repeat wins, a trailing name without a
   * value is ignored.
   */
  public static Map<String, String> parse(String[] arguments) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      options.put(arguments[i].replaceFirst("^--", ""), arguments[i + 1]);
    }
    return options;
  }
}
