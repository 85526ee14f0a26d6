package com.cruddur.platform.observe.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

  @Test
  void restoresEveryConfiguredLevelAfterASampledInvocationRaisedThemAll() {
    LogLevels configured = LogLevels.snapshot();
    Level spring = LogManager.getLogger("org.springframework").getLevel();
    Level root = LogManager.getRootLogger().getLevel();
    assertThat(spring).isNotEqualTo(Level.DEBUG);

    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG); // what sampling does
    assertThat(LogManager.getLogger("org.springframework").getLevel()).isEqualTo(Level.DEBUG);

    configured.restore();
    assertThat(LogManager.getRootLogger().getLevel()).isEqualTo(root);
    assertThat(LogManager.getLogger("org.springframework").getLevel()).isEqualTo(spring);
  }
}
