package com.cruddur.local.tools.doctor;

import static com.cruddur.local.tools.doctor.HoneycombEndpointCheck.HONEYCOMB_REGIONS;
import static com.cruddur.local.tools.doctor.Values.describe;

import com.cruddur.local.tools.doctor.HoneycombKeyCheck.HoneycombKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --online}: asks Honeycomb's auth endpoint whether it knows the key, and in which region.
 */
record HoneycombOnline(HttpClient http, Map<String, URI> regions, Report report) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Honeycomb's GET /1/auth: 200 with the team and environment, or 401 for a key it does not know.
   */
  void ask(HoneycombKey key, URI api) {
    String region =
        regions.entrySet().stream()
            .filter(e -> e.getValue().equals(api))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse("US");
    Answer answer = auth(api, key.value());
    if (answer.error() != null) {
      report.fail(
          "Honeycomb online",
          "could not reach " + api.getHost() + ": " + answer.error(),
          "check the network/proxy (HTTPS_PROXY) or run without --online");
      return;
    }
    if (answer.status() == 200) {
      JsonNode body = answer.body();
      String team =
          body.path("team").path("name").asText(body.path("team").path("slug").asText("?"));
      String environment =
          body.path("environment")
              .path("name")
              .asText(body.path("environment").path("slug").asText(""));
      JsonNode access = body.path("api_key_access");
      if (access.has("events") && !access.path("events").asBoolean()) {
        report.fail(
            "Honeycomb online",
            "Honeycomb "
                + region
                + " knows the key (team "
                + team
                + ") but it may not send"
                + " events",
            "give the key the 'Send Events' permission or use an ingest key");
        return;
      }
      report.ok(
          "Honeycomb online",
          "Honeycomb "
              + region
              + " accepts the key: team "
              + team
              + (environment.isEmpty() ? " (Classic)" : ", environment " + environment));
      return;
    }
    if (answer.status() == 401) {
      for (Map.Entry<String, URI> other : regions.entrySet()) {
        if (other.getKey().equals(region)) {
          continue;
        }
        Answer elsewhere = auth(other.getValue(), key.value());
        if (elsewhere.status() == 200) {
          report.fail(
              "Honeycomb online",
              "the key belongs to Honeycomb "
                  + other.getKey()
                  + ", but the endpoint is "
                  + region
                  + " (Honeycomb "
                  + region
                  + " answers 401 unknown API key)",
              "deploy with HoneycombRegion="
                  + other.getKey()
                  + " / set the endpoint to "
                  + HONEYCOMB_REGIONS.get(other.getKey()));
          return;
        }
      }
      report.fail(
          "Honeycomb online",
          "Honeycomb answers 401 unknown API key in every region ("
              + key.source()
              + ", "
              + describe(key.value())
              + ")",
          "the key was deleted, mistyped or truncated: create a new ingest key and"
              + " set it again");
      return;
    }
    report.fail(
        "Honeycomb online",
        "Honeycomb " + region + " answered HTTP " + answer.status(),
        "try again later; if it persists check status.honeycomb.io");
  }

  record Answer(int status, JsonNode body, String error) {}

  private Answer auth(URI api, String key) {
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve("/1/auth"))
            .timeout(Duration.ofSeconds(10))
            .header("X-Honeycomb-Team", key)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
      } catch (IOException notJson) {
        body = JSON.createObjectNode();
      }
      return new Answer(response.statusCode(), body, null);
    } catch (HttpTimeoutException e) {
      return new Answer(0, null, "no answer within the timeout");
    } catch (ConnectException e) {
      return new Answer(0, null, "connection refused or no route (no network?)");
    } catch (IOException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return new Answer(
          0,
          null,
          cause instanceof UnknownHostException
              ? "unknown host (no DNS/network?)"
              : cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, "interrupted");
    }
  }
}
