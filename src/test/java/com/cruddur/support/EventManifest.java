package com.cruddur.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code events/manifest.json}: which function each event is for and what it must answer. */
public final class EventManifest {

  /**
   * An API event with its expected status, or a Cognito trigger event (status 0) that must come
   * back unchanged.
   */
  public record Entry(String event, String function, int status) {
    public boolean isApi() {
      return status > 0;
    }

    @Override
    public String toString() {
      return event + " -> " + function + (isApi() ? " (" + status + ")" : " (returns the event)");
    }
  }

  private EventManifest() {}

  public static List<Entry> entries() throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode e :
        TestLambda.JSON.readTree(Path.of("events/manifest.json").toFile()).get("events")) {
      entries.add(
          new Entry(
              e.get("event").asText(), e.get("function").asText(), e.path("status").asInt(0)));
    }
    return entries;
  }
}
