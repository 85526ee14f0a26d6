package com.cruddur.edge.lambda;

import static com.cruddur.support.TestLambda.event;
import static com.cruddur.support.TestLambda.invoke;
import static com.cruddur.support.TestLambda.json;
import static com.cruddur.support.TestLambda.withBody;
import static com.cruddur.support.TestLambda.withHeader;
import static com.cruddur.support.TestLambda.withPath;
import static com.cruddur.support.TestLambda.withQuery;
import static com.cruddur.support.TestLambda.withSubject;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestData;
import com.cruddur.support.TestDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The activity API's behaviour through the Lambda handlers, one template function per route, on
 * DynamoDB Local.
 */
class LambdaActivitiesTest {

  static final String ANDREW = "local-sub-andrewbrown";
  static final String WORF = "local-sub-worf";
  static final List<String> ACTIVITY_FIELDS =
      List.of(
          "uuid",
          "handle",
          "display_name",
          "message",
          "replies_count",
          "reposts_count",
          "likes_count",
          "created_at",
          "expires_at",
          "replies");
  static final List<String> REPLY_FIELDS =
      List.of(
          "uuid",
          "reply_to_activity_uuid",
          "handle",
          "display_name",
          "message",
          "replies_count",
          "reposts_count",
          "likes_count",
          "created_at");

  @BeforeAll
  static void seed() {
    TestDynamo.freshSeeded();
  }

  static ApiResponse create(String subject, Object body) {
    return invoke(
        "CreateActivityFunction",
        withSubject(
            withBody(event("create-activity.json"), body instanceof String s ? s : json(body)),
            subject));
  }

  /** The uuid of the activity a create answered. */
  static String createdUuid(String subject, Object body) {
    return create(subject, body).json().get("uuid").asText();
  }

  static ApiResponse reply(String subject, String activityUuid, String message) {
    ObjectNode e =
        withPath(
            event("create-reply.json"), "/api/activities/" + activityUuid + "/reply", activityUuid);
    return invoke(
        "CreateReplyFunction", withSubject(withBody(e, json(Map.of("message", message))), subject));
  }

  static ApiResponse show(String activityUuid) {
    return invoke(
        "ShowActivityFunction",
        withPath(event("show-activity.json"), "/api/activities/" + activityUuid, activityUuid));
  }

  static ApiResponse userFeed(String handle, Map<String, String> query) {
    return invoke(
        "ShowActivityFunction",
        withQuery(
            withPath(event("user-activities.json"), "/api/activities/@" + handle, "@" + handle),
            query));
  }

  static ApiResponse home(Map<String, String> query) {
    return invoke("HomeActivitiesFunction", withQuery(event("home.json"), query));
  }

  static ApiResponse search(String term) {
    return invoke(
        "SearchActivitiesFunction", withQuery(event("search.json"), Map.of("term", term)));
  }

  static ApiResponse notifications(String subject) {
    return invoke(
        "NotificationsActivitiesFunction", withSubject(event("notifications.json"), subject));
  }

  static List<String> uuids(JsonNode array) {
    List<String> uuids = new ArrayList<>();
    array.forEach(a -> uuids.add(a.get("uuid").asText()));
    return uuids;
  }

  /** A word no other activity has, so a search for it finds only what the test wrote. */
  static String word() {
    StringBuilder word = new StringBuilder("kumquat");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  @Test
  void createdActivityHasTheFrontendShapeAndAppearsInEveryFeed() {
    String word = word();
    ApiResponse created =
        create(ANDREW, Map.of("message", "Shipping " + word + " to the cloud", "ttl", "3-hours"));

    assertThat(created.status()).isEqualTo(200);
    JsonNode activity = created.json();
    assertThat(activity.fieldNames()).toIterable().containsExactlyElementsOf(ACTIVITY_FIELDS);
    assertThat(activity.get("handle").asText()).isEqualTo("andrewbrown");
    assertThat(activity.get("display_name").asText()).isEqualTo("Andrew Brown");
    assertThat(activity.get("replies")).isEmpty();
    OffsetDateTime createdAt = OffsetDateTime.parse(activity.get("created_at").asText());
    OffsetDateTime expiresAt = OffsetDateTime.parse(activity.get("expires_at").asText());
    assertThat(activity.get("created_at").asText()).matches(".*\\.\\d{6}\\+00:00");
    assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofHours(3));
    String uuid = activity.get("uuid").asText();

    assertThat(uuids(home(null).json()).get(0)).isEqualTo(uuid);
    assertThat(uuids(userFeed("andrewbrown", null).json())).contains(uuid);
    assertThat(uuids(userFeed("AndrewBrown", null).json()))
        .as("handles are case-insensitive")
        .contains(uuid);
    assertThat(uuids(search(word.toUpperCase()).json())).containsExactly(uuid);
    assertThat(uuids(search("shipping " + word).json())).containsExactly(uuid);
    assertThat(search(word + " absentword").json()).as("every word must match").isEmpty();
    ApiResponse shown = show(uuid);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().get("message").asText())
        .isEqualTo("Shipping " + word + " to the cloud");
  }

  @Test
  void replyIsCountedShownAndNotifiesTheAuthor() {
    String uuid = createdUuid(ANDREW, Map.of("message", "Reply to this", "ttl", "1-day"));

    ApiResponse replied = reply(WORF, uuid, "Today is a good day to reply.");

    assertThat(replied.status()).isEqualTo(200);
    JsonNode reply = replied.json();
    assertThat(reply.fieldNames()).toIterable().containsExactlyElementsOf(REPLY_FIELDS);
    assertThat(reply.get("reply_to_activity_uuid").asText()).isEqualTo(uuid);
    assertThat(reply.get("handle").asText()).isEqualTo("worf");

    JsonNode shown = show(uuid).json();
    assertThat(shown.get("replies_count").asInt()).isEqualTo(1);
    assertThat(uuids(shown.get("replies"))).containsExactly(reply.get("uuid").asText());
    JsonNode inFeed = findByUuid(home(null).json(), uuid);
    assertThat(uuids(inFeed.get("replies"))).containsExactly(reply.get("uuid").asText());

    JsonNode notified = findByUuid(notifications(ANDREW).json(), uuid);
    assertThat(uuids(notified.get("replies"))).containsExactly(reply.get("uuid").asText());
    assertThat(uuids(notifications(WORF).json())).doesNotContain(uuid);
  }

  @Test
  void mentionsNotifyTheMentionedUser() {
    String uuid =
        createdUuid(ANDREW, Map.of("message", "Hey @Worf, prune juice?", "ttl", "1-hour"));

    assertThat(uuids(notifications(WORF).json())).contains(uuid);
    assertThat(uuids(notifications(ANDREW).json())).doesNotContain(uuid);
  }

  @Test
  void feedsPageWithLinkCursorsWithoutGapsOrRepeats() {
    for (int i = 0; i < 12; i++) {
      assertThat(create(WORF, Map.of("message", "page filler " + i, "ttl", "1-hour")).status())
          .isEqualTo(200);
    }
    List<String> everything = uuids(home(Map.of("limit", "50")).json());
    assertThat(everything.size()).isGreaterThan(15);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, String> query = new HashMap<>(Map.of("limit", "4"));
      if (cursor != null) {
        query.put("cursor", cursor);
      }
      ApiResponse page = home(query);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.json().size()).isLessThanOrEqualTo(4);
      paged.addAll(uuids(page.json()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(paged).containsExactlyElementsOf(everything);
    List<String> times = new ArrayList<>();
    home(Map.of("limit", "50")).json().forEach(a -> times.add(a.get("created_at").asText()));
    assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());

    List<String> worfPaged = new ArrayList<>();
    cursor = null;
    do {
      Map<String, String> query = new HashMap<>(Map.of("limit", "5"));
      if (cursor != null) {
        query.put("cursor", cursor);
      }
      ApiResponse page = userFeed("worf", query);
      worfPaged.addAll(uuids(page.json()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(worfPaged)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(uuids(userFeed("worf", Map.of("limit", "50")).json()));
  }

  @Test
  void badPagingParametersAre400() {
    for (String limit : List.of("0", "51", "-1", "ten", "1e3", "")) {
      ApiResponse response = home(Map.of("limit", limit));
      assertThat(response.status()).as("limit=" + limit).isEqualTo(400);
      assertThat(response.json().get(0).asText()).isEqualTo("limit_invalid");
    }
    String homeCursor = home(Map.of("limit", "1")).nextCursor();
    assertThat(homeCursor).isNotNull();
    List<String> bad =
        List.of(
            "garbage",
            "e30",
            homeCursor.substring(0, homeCursor.length() - 3),
            Base64.getUrlEncoder()
                .encodeToString(
                    "{\"pk\":\"ACT#x\",\"sk\":\"ACTIVITY\",\"gsi2pk\":\"FEED#2999-01-01\",\"gsi2sk\":\"x\"}"
                        .getBytes()),
            Base64.getUrlEncoder()
                .encodeToString(
                    "{\"pk\":\"ACT#x\",\"sk\":\"ACTIVITY\",\"gsi2pk\":\"USERACT#x\",\"gsi2sk\":\"x\"}"
                        .getBytes()));
    for (String cursor : bad) {
      ApiResponse response = home(Map.of("cursor", cursor));
      assertThat(response.status()).as("cursor=" + cursor).isEqualTo(400);
      assertThat(response.json().get(0).asText()).isEqualTo("cursor_invalid");
    }
    // A cursor from one list is refused by another: it would read someone else's partition.
    ApiResponse crossed = userFeed("worf", Map.of("cursor", homeCursor));
    assertThat(crossed.status()).isEqualTo(400);
  }

  @Test
  void expiredActivitiesNeverAppearEvenBeforeDynamoDbDeletesThem() {
    String word = word();
    TestData.Expired expired = TestData.expiredActivityMentioningAndrew(word);
    // The items are in the table (TTL deletion is off on the test table; DynamoDB may keep them for
    // days), yet no route shows them.
    assertThat(TestData.activityItemExists(expired.activityUuid())).isTrue();

    assertThat(uuids(home(Map.of("limit", "50")).json())).doesNotContain(expired.activityUuid());
    assertThat(uuids(userFeed("garek", Map.of("limit", "50")).json()))
        .doesNotContain(expired.activityUuid());
    assertThat(search(word).json()).isEmpty();
    assertThat(uuids(notifications(ANDREW).json())).doesNotContain(expired.activityUuid());
    assertThat(show(expired.activityUuid()).status()).isEqualTo(404);
    TableSnapshot before = TestDynamo.snapshot();
    ApiResponse replyToExpired = reply(WORF, expired.activityUuid(), "too late");
    assertThat(replyToExpired.status()).isEqualTo(404);
    assertThat(replyToExpired.json().get(0).asText()).isEqualTo("activity_not_found");
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void unicodeRoundTripsAndIsCountedInCharactersNotBytes() {
    String emoji = "🚀".repeat(279) + "é";
    ApiResponse created = create(ANDREW, Map.of("message", emoji, "ttl", "1-hour"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(show(created.json().get("uuid").asText()).json().get("message").asText())
        .isEqualTo(emoji);

    String mixed = "Ünïcödé 日本語 עברית ✓ " + word();
    String uuid = createdUuid(ANDREW, Map.of("message", mixed, "ttl", "1-hour"));
    assertThat(show(uuid).json().get("message").asText()).isEqualTo(mixed);
    assertThat(uuids(search("日本語").json())).contains(uuid);
  }

  @Test
  void badWritesAre4xxAndStoreNothing() {
    String longReply = "a".repeat(1025);
    String okActivity = json(Map.of("message", "fine", "ttl", "1-hour"));
    record Case(String name, ApiResponse response, int status, List<String> codes) {}
    TableSnapshot before = TestDynamo.snapshot();
    List<Case> cases =
        List.of(
            new Case(
                "281 chars",
                create(ANDREW, Map.of("message", "x".repeat(281), "ttl", "1-hour")),
                422,
                List.of("message_exceed_max_chars")),
            new Case(
                "blank + missing ttl",
                create(ANDREW, Map.of("message", " \n\t ")),
                422,
                List.of("message_blank", "ttl_blank")),
            new Case(
                "missing message",
                create(ANDREW, Map.of("ttl", "1-hour")),
                422,
                List.of("message_blank")),
            new Case(
                "null message",
                create(ANDREW, "{\"message\":null,\"ttl\":\"1-hour\"}"),
                422,
                List.of("message_blank")),
            new Case(
                "unknown ttl",
                create(ANDREW, Map.of("message", "hi", "ttl", "2-weeks")),
                422,
                List.of("ttl_invalid")),
            new Case(
                "wrong types",
                create(ANDREW, "{\"message\":true,\"ttl\":7}"),
                422,
                List.of("message_invalid", "ttl_invalid")),
            new Case(
                "control char",
                create(ANDREW, "{\"message\":\"bell\\u0007\",\"ttl\":\"1-hour\"}"),
                422,
                List.of("message_invalid_chars")),
            new Case(
                "NUL",
                create(ANDREW, "{\"message\":\"nul\\u0000\",\"ttl\":\"1-hour\"}"),
                422,
                List.of("message_invalid_chars")),
            new Case(
                "lone surrogate",
                create(ANDREW, "{\"message\":\"half \\ud83d\",\"ttl\":\"1-hour\"}"),
                422,
                List.of("message_invalid_chars")),
            new Case(
                "malformed JSON",
                create(ANDREW, "{\"message\":"),
                400,
                List.of("request_body_malformed")),
            new Case("empty body", create(ANDREW, ""), 400, List.of("request_body_malformed")),
            new Case(
                "trailing garbage",
                create(ANDREW, okActivity + " {}"),
                400,
                List.of("request_body_malformed")),
            new Case(
                "duplicate key",
                create(ANDREW, "{\"message\":\"a\",\"message\":\"b\",\"ttl\":\"1-hour\"}"),
                400,
                List.of("request_body_malformed")),
            new Case("array body", create(ANDREW, "[]"), 400, List.of("request_body_invalid")),
            new Case("null body", create(ANDREW, "null"), 400, List.of("request_body_invalid")),
            new Case(
                "huge body",
                create(ANDREW, json(Map.of("message", "x".repeat(200_000), "ttl", "1-hour"))),
                413,
                List.of("request_body_too_large")),
            new Case("no claims", create(null, okActivity), 401, List.of("generic_401")),
            new Case(
                "unknown subject",
                create("local-sub-stranger", okActivity),
                403,
                List.of("user_not_registered")),
            new Case(
                "form content type",
                invoke(
                    "CreateActivityFunction",
                    withHeader(
                        withSubject(withBody(event("create-activity.json"), okActivity), ANDREW),
                        "Content-Type",
                        "application/x-www-form-urlencoded")),
                415,
                List.of("content_type_unsupported")),
            new Case(
                "no content type",
                invoke(
                    "CreateActivityFunction",
                    withHeader(
                        withSubject(withBody(event("create-activity.json"), okActivity), ANDREW),
                        "Content-Type",
                        null)),
                415,
                List.of("content_type_unsupported")),
            new Case(
                "reply 1025",
                reply(WORF, "68f126b0-1ceb-4a33-88be-d90fa7109eee", longReply),
                422,
                List.of("message_exceed_max_chars_1024")),
            new Case(
                "reply unknown",
                reply(WORF, UUID.randomUUID().toString(), "hi"),
                404,
                List.of("activity_not_found")),
            new Case(
                "reply bad uuid",
                reply(WORF, "68f126b0-1ceb-4a33-88be-d90fa7109eeZ", "hi"),
                400,
                List.of("activity_uuid_invalid")),
            new Case(
                "reply no claims",
                reply(null, "68f126b0-1ceb-4a33-88be-d90fa7109eee", "hi"),
                401,
                List.of("generic_401")));
    for (Case c : cases) {
      assertThat(c.response().status())
          .as(c.name() + ": " + c.response().body())
          .isEqualTo(c.status());
      List<String> codes = new ArrayList<>();
      c.response().json().forEach(code -> codes.add(code.asText()));
      assertThat(codes).as(c.name()).containsExactlyInAnyOrderElementsOf(c.codes());
    }
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void base64EncodedBodiesAreDecodedAsApiGatewaySendsThem() {
    ObjectNode e = withSubject(event("create-activity.json"), ANDREW);
    e.put("isBase64Encoded", true);
    e.put(
        "body",
        Base64.getEncoder()
            .encodeToString(
                json(Map.of("message", "binary media types on", "ttl", "1-hour"))
                    .getBytes(StandardCharsets.UTF_8)));
    ApiResponse response = invoke("CreateActivityFunction", e);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("message").asText()).isEqualTo("binary media types on");
  }

  @Test
  void readRoutesRefuseBadParameters() {
    assertThat(search("").status()).isEqualTo(422);
    assertThat(search("x".repeat(101)).json().get(0).asText())
        .isEqualTo("search_term_exceed_max_chars");
    assertThat(search("!!!").json()).as("a term with no words finds nothing").isEmpty();
    ApiResponse badHandle = userFeed("bad%20handle", null);
    assertThat(badHandle.status()).isEqualTo(400);
    assertThat(badHandle.json().get(0).asText()).isEqualTo("handle_invalid");
    ApiResponse traversal = show("..%2F..%2Fetc%2Fpasswd");
    assertThat(traversal.status()).isEqualTo(400);
    ApiResponse noUser = notifications(null);
    assertThat(noUser.status()).isEqualTo(401);
  }

  private static JsonNode findByUuid(JsonNode array, String uuid) {
    for (JsonNode item : array) {
      if (item.get("uuid").asText().equals(uuid)) {
        return item;
      }
    }
    throw new AssertionError(uuid + " not in " + array);
  }
}
