package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void defaultsAreFiftyClientsSixtySecondsTwoRoundsOfBothSides() {
    Settings settings = Settings.from(Map.of());
    assertThat(settings.clients()).isEqualTo(50);
    assertThat(settings.seconds()).isEqualTo(60);
    assertThat(settings.rounds()).isEqualTo(2);
    assertThat(settings.sides()).isEqualTo(Settings.Sides.BOTH);
    assertThat(settings.mix()).isEqualTo(Route.Mix.FRONTEND);
    assertThat(settings.baselineWrite()).isEqualTo(Settings.BaselineWrite.TRANSACTION);
    assertThat(settings.runsBaseline()).isTrue();
    assertThat(settings.runsStack()).isTrue();
  }

  @Test
  void readsEveryOption() {
    Settings settings =
        Settings.from(
            Options.parse(
                new String[] {
                  "--clients",
                  "10",
                  "--seconds",
                  "20",
                  "--rounds",
                  "4",
                  "--sides",
                  "stack",
                  "--mix",
                  "creates",
                  "--baseline-write",
                  "put",
                  "--url",
                  "http://127.0.0.1:4567"
                }));
    assertThat(settings.clients()).isEqualTo(10);
    assertThat(settings.seconds()).isEqualTo(20);
    assertThat(settings.rounds()).isEqualTo(4);
    assertThat(settings.runsBaseline()).isFalse();
    assertThat(settings.mix()).isEqualTo(Route.Mix.CREATES);
    assertThat(settings.baselineWrite()).isEqualTo(Settings.BaselineWrite.PUT);
    assertThat(settings.url()).contains(URI.create("http://127.0.0.1:4567"));
  }

  @Test
  void namesEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                Settings.from(
                    Map.of(
                        "clients",
                        "0",
                        "seconds",
                        "x",
                        "sides",
                        "neither",
                        "client",
                        "5",
                        "url",
                        "http://127.0.0.1:4567")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--clients must be a positive whole number, not 0")
        .hasMessageContaining("--seconds must be a positive whole number, not x")
        .hasMessageContaining("--sides is one of [both, baseline, stack], not neither")
        .hasMessageContaining("unknown option --client");
    assertThatThrownBy(() -> Settings.from(Map.of("url", "http://127.0.0.1:4567")))
        .hasMessageContaining("--sides stack");
    assertThatThrownBy(() -> Settings.from(Map.of("seconds", "3", "rounds", "4")))
        .hasMessageContaining("less than a second per round");
  }
}
