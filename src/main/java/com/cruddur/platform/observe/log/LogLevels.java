package com.cruddur.platform.observe.log;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * The configured logger levels, to restore after an invocation that POWERTOOLS_LOGGER_SAMPLE_RATE
 * switched to DEBUG: Powertools raises every logger for a sampled invocation and does not lower
 * them again.
 */
public final class LogLevels {

  private final Map<String, Level> levels;

  private LogLevels(Map<String, Level> levels) {
    this.levels = levels;
  }

  public static LogLevels snapshot() {
    Map<String, Level> levels = new HashMap<>();
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      for (LoggerConfig config : context.getConfiguration().getLoggers().values()) {
        levels.put(config.getName(), config.getLevel());
      }
    }
    return new LogLevels(levels);
  }

  /** Puts back the snapshot's levels if anything changed them (cheap when nothing did). */
  public void restore() {
    Level root = levels.get(LogManager.ROOT_LOGGER_NAME);
    if (root != null && !root.equals(LogManager.getRootLogger().getLevel())) {
      Configurator.setLevel(levels);
    }
  }
}
