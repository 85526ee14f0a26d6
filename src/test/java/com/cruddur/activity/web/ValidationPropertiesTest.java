package com.cruddur.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.activity.NewActivity;
import com.cruddur.activity.SearchTokens;
import com.cruddur.activity.Ttl;
import com.cruddur.common.Text;
import com.cruddur.platform.dynamo.Cursors;
import com.cruddur.platform.dynamo.InvalidCursorException;
import com.cruddur.platform.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Validation and parsing over generated inputs: they accept what they should, refuse the rest with
 * a 4xx.
 */
class ValidationPropertiesTest {

  static final Set<String> MESSAGE_CODES =
      Set.of(
          ActivityRequests.MESSAGE_BLANK,
          ActivityRequests.MESSAGE_INVALID,
          ActivityRequests.MESSAGE_INVALID_CHARS,
          ActivityRequests.MESSAGE_TOO_LONG,
          ActivityRequests.TTL_BLANK,
          ActivityRequests.TTL_INVALID);

  /**
   * Any string at all, with whatever it holds: accepted only within limits and printable, else a
   * 422.
   */
  @Property(tries = 2000)
  void anyMessageIsAcceptedWithinTheRulesOrRefusedWithA422(
      @ForAll("anyText") String message, @ForAll("ttls") String ttl) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("message", message).put("ttl", ttl);
    try {
      NewActivity accepted = ActivityRequests.newActivity(body);
      String kept = accepted.message();
      assertThat(kept).isEqualTo(message.strip());
      assertThat(kept.codePointCount(0, kept.length()))
          .isBetween(1, ActivityRequests.MAX_ACTIVITY_CHARS);
      assertThat(Text.printable(kept)).isTrue();
      assertThat(Text.invisible(kept)).isFalse();
    } catch (ApiException refused) {
      assertThat(refused.status().value()).isEqualTo(422);
      assertThat(refused.codes())
          .isNotEmpty()
          .allSatisfy(code -> assertThat(MESSAGE_CODES).contains(code));
    }
  }

  /**
   * Ordinary text within the limit, in any script and with emoji, is always accepted as written.
   */
  @Property(tries = 1000)
  void ordinaryTextWithinTheLimitIsAlwaysAccepted(@ForAll("ordinaryText") String message) {
    NewActivity accepted =
        ActivityRequests.newActivity(
            JsonNodeFactory.instance.objectNode().put("message", message).put("ttl", "1-day"));
    assertThat(accepted.message()).isEqualTo(message.strip());
  }

  /**
   * One character over the limit is always refused, however the characters are encoded in UTF-16.
   */
  @Property(tries = 300)
  void overTheLimitIsAlwaysRefused(@ForAll("visibleCodePoint") int codePoint) {
    String message =
        new String(Character.toChars(codePoint)).repeat(ActivityRequests.MAX_ACTIVITY_CHARS + 1);
    assertThatThrownBy(
            () ->
                ActivityRequests.newActivity(
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("message", message)
                        .put("ttl", "1-day")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.codes()).contains(ActivityRequests.MESSAGE_TOO_LONG));
  }

  /**
   * Any JSON value as a body (objects with odd fields and types included) is accepted or a 4xx,
   * never a crash.
   */
  @Property(tries = 1000)
  void anyJsonBodyIsAcceptedOrA4xx(@ForAll("jsonValues") JsonNode body) {
    for (Runnable parse :
        List.<Runnable>of(
            () -> ActivityRequests.newActivity(body), () -> ActivityRequests.newReply(body))) {
      try {
        parse.run();
      } catch (ApiException refused) {
        assertThat(refused.status().is4xxClientError()).isTrue();
      }
    }
  }

  /** A uuid parameter is the canonical form in any case, or a 400. */
  @Property(tries = 1000)
  void aUuidParameterIsCanonicalOrA400(@ForAll("uuidLike") String value) {
    try {
      assertThat(ActivityRequests.activityUuid(value).toString())
          .isEqualTo(value.toLowerCase(Locale.ROOT));
    } catch (ApiException refused) {
      assertThat(refused.status().value()).isEqualTo(400);
    }
  }

  /** Search words: lower case, distinct, bounded in number, whatever the text. */
  @Property(tries = 1000)
  void searchTokensAreDistinctLowerCaseAndBounded(@ForAll("anyText") String text) {
    List<String> tokens = SearchTokens.tokens(text, SearchTokens.MAX_TOKENS_PER_ACTIVITY);
    assertThat(tokens.size()).isLessThanOrEqualTo(SearchTokens.MAX_TOKENS_PER_ACTIVITY);
    assertThat(new HashSet<>(tokens)).hasSameSizeAs(tokens);
    assertThat(tokens)
        .allSatisfy(t -> assertThat(t).isEqualTo(t.toLowerCase(Locale.ROOT)).isNotBlank());
  }

  /**
   * Any cursor a client sends decodes to a key of the expected partition or is refused; it never
   * reaches a query.
   */
  @Property(tries = 1000)
  void anyCursorDecodesToAKeyOfThisPartitionOrIsRefused(@ForAll("cursorLike") String cursor) {
    try {
      var key =
          Cursors.decode(
              cursor, Map.<String, Predicate<String>>of("pk", "ACT#1"::equals, "sk", Cursors::any));
      assertThat(key).containsOnlyKeys("pk", "sk");
      assertThat(key.get("pk")).isEqualTo(AttributeValue.fromS("ACT#1"));
    } catch (InvalidCursorException refused) {
      // refused: a 400 cursor_invalid
    }
  }

  // ------------------------------------------------------------------------------------------------ generators

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(400),
        Arbitraries.strings()
            .withChars(" \t\n\u00A0\u2003\u200B\u202E\u2028\uFFFF\u0000\u0007é🌍a")
            .ofMaxLength(300),
        Arbitraries.strings().alpha().numeric().whitespace().ofMinLength(270).ofMaxLength(290));
  }

  @Provide
  Arbitrary<String> ordinaryText() {
    // A letter first, so the text never consists of spaces and punctuation only.
    return ordinaryCodePoint()
        .list()
        .ofMaxSize(ActivityRequests.MAX_ACTIVITY_CHARS - 1)
        .map(
            cps ->
                "a"
                    + new String(
                        cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
  }

  /** Letters and digits of several scripts, punctuation, spaces and emoji. */
  @Provide
  Arbitrary<Integer> ordinaryCodePoint() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between('a', 'z'),
        Arbitraries.integers().between('0', '9'),
        Arbitraries.of((int) ' ', (int) '.', (int) ',', (int) '!', (int) '?', (int) '@', (int) '#'),
        Arbitraries.integers().between(0x00C0, 0x00FF).filter(Character::isLetter),
        Arbitraries.integers().between(0x0410, 0x044F),
        Arbitraries.integers().between(0x4E00, 0x4FFF),
        Arbitraries.integers().between(0x1F600, 0x1F64F));
  }

  @Provide
  Arbitrary<Integer> visibleCodePoint() {
    return ordinaryCodePoint().filter(cp -> cp != ' ');
  }

  @Provide
  Arbitrary<String> ttls() {
    return Arbitraries.oneOf(
        Arbitraries.of(Arrays.stream(Ttl.values()).map(Ttl::wire).toList()),
        Arbitraries.strings().ofMaxLength(12));
  }

  @Provide
  Arbitrary<JsonNode> jsonValues() {
    Arbitrary<JsonNode> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .all()
                .ofMaxLength(50)
                .map(s -> (JsonNode) JsonNodeFactory.instance.textNode(s)),
            Arbitraries.integers().map(i -> (JsonNode) JsonNodeFactory.instance.numberNode(i)),
            Arbitraries.doubles().map(d -> (JsonNode) JsonNodeFactory.instance.numberNode(d)),
            Arbitraries.of(true, false)
                .map(b -> (JsonNode) JsonNodeFactory.instance.booleanNode(b)),
            Arbitraries.just(JsonNodeFactory.instance.nullNode()));
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("message", "ttl", "MESSAGE", "message ", ""),
            Arbitraries.strings().ofMaxLength(10));
    Arbitrary<JsonNode> objects =
        Arbitraries.maps(names, scalars)
            .ofMaxSize(5)
            .map(
                fields -> {
                  ObjectNode node = JsonNodeFactory.instance.objectNode();
                  fields.forEach(node::set);
                  return node;
                });
    Arbitrary<JsonNode> arrays =
        scalars
            .list()
            .ofMaxSize(4)
            .map(
                items -> {
                  var node = JsonNodeFactory.instance.arrayNode();
                  items.forEach(node::add);
                  return node;
                });
    return Arbitraries.oneOf(scalars, objects, objects, arrays);
  }

  @Provide
  Arbitrary<String> uuidLike() {
    Arbitrary<String> hex =
        Arbitraries.strings().withChars("0123456789abcdefABCDEFg-").ofLength(36);
    Arbitrary<String> real = Arbitraries.create(UUID::randomUUID).map(UUID::toString);
    return Arbitraries.oneOf(
        hex,
        real,
        real.map(s -> s.toUpperCase(Locale.ROOT)),
        Arbitraries.strings().all().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> cursorLike() {
    Arbitrary<String> encodedJson =
        jsonValues()
            .map(JsonNode::toString)
            .map(
                s ->
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(
        encodedJson,
        Arbitraries.strings().all().ofMaxLength(100),
        Arbitraries.strings()
            .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            .ofMaxLength(200));
  }
}
