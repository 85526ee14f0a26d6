package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void theFrontendMixIsSixtyFifteenTenFifteen() {
    Map<Route, Integer> counts = new EnumMap<>(Route.class);
    for (int draw = 0; draw < 100; draw++) {
      counts.merge(Route.pick(Route.Mix.FRONTEND, draw), 1, Integer::sum);
    }
    assertThat(counts)
        .containsEntry(Route.HOME, 60)
        .containsEntry(Route.USER_FEED, 15)
        .containsEntry(Route.SEARCH, 10)
        .containsEntry(Route.CREATE, 15);
  }

  @Test
  void theCreatesMixOnlyCreatesAndDrawsOutsideTheRangeAreRefused() {
    for (int draw = 0; draw < 100; draw++) {
      assertThat(Route.pick(Route.Mix.CREATES, draw)).isEqualTo(Route.CREATE);
    }
    assertThatThrownBy(() -> Route.pick(Route.Mix.FRONTEND, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
