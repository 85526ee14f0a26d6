package com.cruddur.platform.observe.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may leave the function in an error report. Headers pass only by allow-list; any field,
 * parameter or header named like a secret, and any value that looks like a credential (a bearer
 * token, a JWT), is replaced; bodies are included only as JSON with the same masking, and cut to a
 * bounded size.
 */
public final class Scrubber {

  public static final String SCRUBBED = "[scrubbed]";
  static final int MAX_BODY_CHARS = 4096;

  /** Headers that carry no credentials and help to reproduce a failure. */
  private static final Set<String> SAFE_HEADERS =
      Set.of(
          "accept",
          "accept-encoding",
          "accept-language",
          "content-type",
          "content-length",
          "host",
          "origin",
          "referer",
          "user-agent",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-port",
          "x-amzn-trace-id",
          "x-request-id");

  /**
   * Names that mean "secret" as a whole word of the name: access_token, X-Api-Key, Set-Cookie,
   * password, …
   */
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)(^|[-_.\\s])(pass(word|wd)?|secret|token"
              + "|auth(orization|entication)?|cookie|set-cookie|session(id)?|api[-_]?key|key|access[-_]?key"
              + "|private[-_]?key|credentials?|signature|jwt|otp|pin)($|[-_.\\s])");

  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?i)^\\s*(bearer|basic)\\s+\\S+|eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Scrubber() {}

  public static boolean isSecretName(String name) {
    return name != null && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  public static String value(String name, String value) {
    if (value == null) {
      return null;
    }
    return isSecretName(name) || SECRET_VALUE.matcher(value).find() ? SCRUBBED : value;
  }

  /**
   * Allowed headers keep their value (unless it looks like a credential); every other header is
   * kept scrubbed.
   */
  public static Map<String, String> headers(Map<String, List<String>> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    if (headers == null) {
      return out;
    }
    headers.forEach(
        (name, values) -> {
          String joined = values == null ? "" : String.join(", ", values);
          boolean safe = SAFE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
          out.put(name, safe ? value(name, joined) : SCRUBBED);
        });
    return out;
  }

  public static Map<String, List<String>> parameters(Map<String, List<String>> parameters) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (parameters != null) {
      parameters.forEach(
          (name, values) ->
              out.put(
                  name,
                  values == null ? List.of() : values.stream().map(v -> value(name, v)).toList()));
    }
    return out;
  }

  /** A JSON body with secret-named fields masked; anything else is described, not included. */
  public static String body(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException notJson) {
      return "[" + body.length() + " characters, not JSON: not included]";
    }
    if (tree == null) {
      return null;
    }
    String scrubbed = mask(tree).toString();
    return scrubbed.length() <= MAX_BODY_CHARS
        ? scrubbed
        : scrubbed.substring(0, MAX_BODY_CHARS) + "…";
  }

  /** A private body, described by its size only: none of its content is included. */
  public static String withheld(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    return "[" + body.length() + " characters, private: not included]";
  }

  /**
   * Masks, in place, every field named like a secret and every credential-looking string, at any
   * depth.
   */
  static JsonNode mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (isSecretName(name)) {
          object.put(name, SCRUBBED);
        } else if (child.isTextual() && SECRET_VALUE.matcher(child.asText()).find()) {
          object.put(name, SCRUBBED);
        } else {
          mask(child);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (child.isTextual() && SECRET_VALUE.matcher(child.asText()).find()) {
          array.set(i, JSON.getNodeFactory().textNode(SCRUBBED));
        } else {
          mask(child);
        }
      }
    }
    return node;
  }

  /** The same masking for a map (report custom data), returning a copy. */
  public static Map<String, Object> map(Map<String, Object> data) {
    if (data == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    data.forEach(
        (name, v) -> {
          if (isSecretName(name)) {
            out.put(name, SCRUBBED);
          } else if (v instanceof String s) {
            out.put(name, value(name, s));
          } else if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) m;
            out.put(name, map(nested));
          } else {
            out.put(name, v);
          }
        });
    return out;
  }
}
