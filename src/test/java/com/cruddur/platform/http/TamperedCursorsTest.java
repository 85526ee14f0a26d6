package com.cruddur.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Cursors a client edited: the right shape and partition, but a key attribute outside what the
 * query reads, or of another partition, type or set of attributes. On every list route each is a
 * 400 {@code cursor_invalid}, never a DynamoDB ValidationException (500), and nothing is stored.
 * The untampered cursor of each route is accepted, so every refusal is the tampering's doing.
 */
class TamperedCursorsTest {

  static final String ANDREW = "a5a9e8b2-7c1d-4a0e-9f6b-0a1b2c3d4e01";
  static final String WORF = "a5a9e8b2-7c1d-4a0e-9f6b-0a1b2c3d4e02";
  static final String CLOUD_ACTIVITY = "68f126b0-1ceb-4a33-88be-d90fa7109eee";
  static final String WORF_ACTIVITY = "66e12864-8c26-4c3a-9658-95a10f8fea67";
  static TableSnapshot before;

  /**
   * A list route: its function and event, a cursor key of the shape that route's query continues
   * from, and for each key attribute values of the right type that the query must still refuse.
   */
  record Route(
      String name,
      String function,
      String fixture,
      Map<String, String> key,
      Map<String, List<String>> refused) {}

  static List<Route> routes() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
    List<String> notActivityKeys =
        List.of(
            "USER#andrewbrown",
            "ACT#not-a-uuid",
            "ACT#" + WORF_ACTIVITY.toUpperCase(),
            "TERM#cloud",
            "FEEDDAYS");
    return List.of(
        new Route(
            "home",
            "HomeActivitiesFunction",
            "home.json",
            key(
                "pk",
                "ACT#" + WORF_ACTIVITY,
                "sk",
                "ACTIVITY",
                "gsi2pk",
                "FEED#" + today,
                "gsi2sk",
                "9999"),
            Map.of(
                "pk",
                notActivityKeys,
                "sk",
                List.of("PROFILE", "REPLY#9999", "activity"),
                "gsi2pk",
                List.of(
                    "FEED#" + tomorrow,
                    "FEED#2026-13-01",
                    "FEED#",
                    "FEEDDAYS",
                    "USERACT#" + ANDREW,
                    "FEED#" + today + "x"))),
        new Route(
            "user feed",
            "ShowActivityFunction",
            "user-activities.json",
            key(
                "pk",
                "ACT#" + WORF_ACTIVITY,
                "sk",
                "ACTIVITY",
                "gsi1pk",
                "USERACT#" + ANDREW,
                "gsi1sk",
                "9999"),
            Map.of(
                "pk",
                notActivityKeys,
                "sk",
                List.of("PROFILE", "REPLY#9999"),
                "gsi1pk",
                List.of("USERACT#" + WORF, "SUB#local-sub-andrewbrown", "FEED#" + today))),
        new Route(
            "search",
            "SearchActivitiesFunction",
            "search.json",
            key("pk", "TERM#cloud", "sk", "9999"),
            Map.of(
                "pk", List.of("TERM#prune", "TERM#", "ACT#" + CLOUD_ACTIVITY, "NOTIF#" + ANDREW))),
        new Route(
            "notifications",
            "NotificationsActivitiesFunction",
            "notifications.json",
            key("pk", "NOTIF#" + ANDREW, "sk", "9999"),
            Map.of("pk", List.of("NOTIF#" + WORF, "USER#andrewbrown", "ACT#" + CLOUD_ACTIVITY))),
        new Route(
            "replies",
            "ShowActivityFunction",
            "show-activity.json",
            key("pk", "ACT#" + CLOUD_ACTIVITY, "sk", "REPLY#9999"),
            Map.of(
                "pk",
                List.of("ACT#" + WORF_ACTIVITY, "ACT#not-a-uuid"),
                // The activity item and anything outside "REPLY#…": the query's sort-key range
                // starts there.
                "sk",
                List.of("ACTIVITY", "A", "ZZZZ", "REPLY", "reply#9999"))));
  }

  @BeforeAll
  static void seed() {
    TestLambda.harness();
    TestDynamo.freshSeeded();
    before = TestDynamo.snapshot();
  }

  @AfterAll
  static void nothingWasStored() {
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void theUntamperedCursorOfEveryListRouteIsAccepted() {
    for (Route route : routes()) {
      ApiResponse response = list(route, cursor(route.key()));
      assertThat(response.status()).as("%s: %s", route.name(), response.body()).isEqualTo(200);
      // A list, or for the replies the activity that carries them.
      assertThat(response.json().isArray() || response.json().path("replies").isArray())
          .as(route.name())
          .isTrue();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTamperedCursorIsA400CursorInvalid() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Route route : routes()) {
      Map<String, Object> valid = new LinkedHashMap<>(route.key());
      List<Map.Entry<String, Map<String, Object>>> tampered = new ArrayList<>();
      route
          .refused()
          .forEach(
              (attribute, values) ->
                  values.forEach(
                      value ->
                          tampered.add(
                              Map.entry(attribute + "=" + value, with(valid, attribute, value)))));
      for (String attribute : route.key().keySet()) {
        Map<String, Object> missing = new LinkedHashMap<>(valid);
        missing.remove(attribute);
        tampered.add(Map.entry("without " + attribute, missing));
        for (Object wrongType :
            List.of(42, true, List.of("x"), Map.of("S", valid.get(attribute)))) {
          tampered.add(
              Map.entry(
                  attribute + " as " + wrongType.getClass().getSimpleName(),
                  with(valid, attribute, wrongType)));
        }
        tampered.add(Map.entry(attribute + " null", with(valid, attribute, null)));
        tampered.add(Map.entry(attribute + " empty", with(valid, attribute, "")));
        tampered.add(
            Map.entry(
                attribute + " 601 chars",
                with(valid, attribute, valid.get(attribute) + "x".repeat(601))));
      }
      tampered.add(Map.entry("an extra attribute", with(valid, "ttl", "1")));
      for (Map.Entry<String, Map<String, Object>> t : tampered) {
        tests.add(
            DynamicTest.dynamicTest(
                route.name() + ": " + t.getKey(),
                () -> {
                  ApiResponse response = list(route, cursor(t.getValue()));
                  assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(400);
                  assertThat(response.body()).isEqualTo("[\"cursor_invalid\"]");
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(150);
    return tests.stream();
  }

  static ApiResponse list(Route route, String cursor) {
    ObjectNode event = TestLambda.event(route.fixture());
    Map<String, String> query = new LinkedHashMap<>();
    if (event.hasNonNull("queryStringParameters")) {
      event
          .get("queryStringParameters")
          .fields()
          .forEachRemaining(f -> query.put(f.getKey(), f.getValue().asText()));
    }
    query.put("cursor", cursor);
    return TestLambda.invoke(route.function(), TestLambda.withQuery(event, query));
  }

  /** A cursor as the API writes one: base64url of the key's JSON. */
  static String cursor(Map<String, ?> key) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(TestLambda.JSON.writeValueAsBytes(key));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }

  private static Map<String, String> key(String... attributesAndValues) {
    Map<String, String> key = new LinkedHashMap<>();
    for (int i = 0; i < attributesAndValues.length; i += 2) {
      key.put(attributesAndValues[i], attributesAndValues[i + 1]);
    }
    return key;
  }

  private static Map<String, Object> with(Map<String, Object> key, String attribute, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(key);
    changed.put(attribute, value);
    return changed;
  }
}
