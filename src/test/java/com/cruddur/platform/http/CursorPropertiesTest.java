package com.cruddur.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.platform.http.TamperedCursorsTest.Route;
import com.cruddur.support.ApiResponse;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated cursors of the right encoding on every list route, each key attribute kept, dropped, or
 * given another value of the kinds keys are made of (prefixes of every partition kind, dates,
 * uuids, arbitrary text): each request answers 200 or 400 {@code cursor_invalid}, never anything
 * else.
 */
class CursorPropertiesTest {

  @BeforeContainer
  static void seed() {
    TestLambda.harness();
    TestDynamo.freshSeeded();
  }

  @Property(tries = 300)
  void anyCursorOnAnyListRouteIsAnsweredOrRefusedWithA400(
      @ForAll("routes") Route route, @ForAll("edits") List<String> edits) {
    Map<String, Object> key = new LinkedHashMap<>(route.key());
    List<String> attributes = List.copyOf(route.key().keySet());
    for (int i = 0; i < attributes.size() && i < edits.size(); i++) {
      String edit = edits.get(i);
      if (edit.equals("<keep>")) {
        continue;
      }
      if (edit.equals("<drop>")) {
        key.remove(attributes.get(i));
      } else {
        key.put(attributes.get(i), edit);
      }
    }
    ApiResponse response = TamperedCursorsTest.list(route, TamperedCursorsTest.cursor(key));
    assertThat(response.status())
        .as("%s %s → %s", route.name(), key, response.body())
        .isIn(200, 400);
    if (response.status() == 400) {
      assertThat(response.body()).isEqualTo("[\"cursor_invalid\"]");
    }
  }

  @Provide
  Arbitrary<Route> routes() {
    return Arbitraries.of(TamperedCursorsTest.routes());
  }

  /**
   * One edit per key attribute: keep it, drop it, or replace it with a key-like or arbitrary
   * string.
   */
  @Provide
  Arbitrary<List<String>> edits() {
    Arbitrary<String> prefixes =
        Arbitraries.of(
            "ACT#",
            "USER#",
            "USERACT#",
            "FEED#",
            "FEEDDAYS",
            "TERM#",
            "NOTIF#",
            "SUB#",
            "REPLY#",
            "ACTIVITY",
            "PROFILE",
            "IDEM#",
            "");
    Arbitrary<String> tails =
        Arbitraries.oneOf(
            Arbitraries.of(
                TamperedCursorsTest.ANDREW,
                TamperedCursorsTest.CLOUD_ACTIVITY,
                "2026-12-02",
                "1999-01-01",
                "2999-12-31",
                "cloud",
                "9999"),
            Arbitraries.strings().all().ofMaxLength(20));
    Arbitrary<String> keyLike =
        Combinators.combine(prefixes, tails).as((prefix, tail) -> prefix + tail);
    Arbitrary<String> edit =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just("<keep>")),
            Tuple.of(1, Arbitraries.just("<drop>")),
            Tuple.of(4, keyLike),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(700)));
    return edit.list().ofSize(4);
  }
}
