package com.cruddur.local.tools.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code --env-file} reads: a deployed function's environment as JSON, or a .env file. */
final class EnvFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvFile() {}

  /**
   * A JSON object of variables (bare, or Lambda's {"Variables": …} / {"Environment": {"Variables":
   * …}}), or NAME=value lines as in a .env file (blank lines, comments, "export " and quotes around
   * a value allowed).
   */
  static Map<String, String> parse(String text) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    if (text.stripLeading().startsWith("{")) {
      JsonNode root = JSON.readTree(text);
      JsonNode variables =
          root.has("Variables")
              ? root.get("Variables")
              : root.path("Environment").has("Variables")
                  ? root.path("Environment").get("Variables")
                  : root;
      variables.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
      return settings;
    }
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.startsWith("export ")) {
        trimmed = trimmed.substring("export ".length()).strip();
      }
      int equals = trimmed.indexOf('=');
      if (equals > 0) {
        String value = trimmed.substring(equals + 1);
        boolean quoted =
            value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"));
        settings.put(
            trimmed.substring(0, equals).strip(),
            quoted ? value.substring(1, value.length() - 1) : value);
      }
    }
    return settings;
  }
}
