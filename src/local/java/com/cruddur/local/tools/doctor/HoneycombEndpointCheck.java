package com.cruddur.local.tools.doctor;

import static com.cruddur.local.tools.doctor.NameChecks.ENDPOINT;
import static com.cruddur.local.tools.doctor.NameChecks.TRACES_ENDPOINT;
import static com.cruddur.local.tools.doctor.Values.UNINTERPOLATED;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Which Honeycomb region the endpoint settings point at, reporting an endpoint Honeycomb would not
 * answer. {@code regions} is where each region's API is reached (Honeycomb itself, or the tests'
 * stand-ins).
 */
record HoneycombEndpointCheck(
    Map<String, String> settings, Map<String, URI> regions, Report report) {

  /** Honeycomb's API in each region: a key belongs to one and is unknown in the other. */
  static final Map<String, URI> HONEYCOMB_REGIONS =
      Map.of(
          "US",
          URI.create("https://api.honeycomb.io"),
          "EU",
          URI.create("https://api.eu1.honeycomb.io"));

  /**
   * The Honeycomb API base the settings point at (for the auth check), reporting a wrong endpoint.
   */
  URI api() {
    String variable =
        settings.containsKey("HONEYCOMB_ENDPOINT")
            ? "HONEYCOMB_ENDPOINT"
            : settings.containsKey(TRACES_ENDPOINT)
                ? TRACES_ENDPOINT
                : settings.containsKey(ENDPOINT) ? ENDPOINT : null;
    if (variable == null) {
      return regions.get("US");
    }
    String value = settings.get(variable).strip();
    Matcher placeholder = UNINTERPOLATED.matcher(value);
    if (placeholder.find()) {
      report.fail(
          "Honeycomb endpoint",
          variable + " is the literal text " + placeholder.group(),
          "set it to "
              + HONEYCOMB_REGIONS.get("US")
              + " (US) or "
              + HONEYCOMB_REGIONS.get("EU")
              + " (EU)");
      return regions.get("US");
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      report.fail(
          "Honeycomb endpoint",
          variable + " is not a URL",
          "set it to " + HONEYCOMB_REGIONS.get("US"));
      return regions.get("US");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      report.fail(
          "Honeycomb endpoint",
          variable + " is not a URL with a scheme (" + value + ")",
          "set it to " + HONEYCOMB_REGIONS.get("US") + " (with https://)");
      return regions.get("US");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    boolean doubledPath = variable.equals(ENDPOINT) && path.endsWith("/v1/traces");
    if (doubledPath) {
      report.fail(
          "Honeycomb endpoint",
          ENDPOINT
              + " ends in /v1/traces; the SDK adds that itself (→"
              + " /v1/traces/v1/traces, 404)",
          "set "
              + ENDPOINT
              + "="
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " (or use "
              + TRACES_ENDPOINT
              + " for the full URL)");
    }
    for (Map.Entry<String, URI> region : HONEYCOMB_REGIONS.entrySet()) {
      if (region.getValue().getHost().equalsIgnoreCase(uri.getHost())) {
        if (doubledPath) {
          return regions.get(region.getKey());
        }
        if (!"https".equals(uri.getScheme())) {
          report.fail(
              "Honeycomb endpoint",
              variable + " uses " + uri.getScheme() + "://; Honeycomb only takes https",
              "set it to " + region.getValue());
        } else {
          report.ok(
              "Honeycomb endpoint",
              variable + " is Honeycomb " + region.getKey() + " (" + uri.getHost() + ")");
        }
        return regions.get(region.getKey());
      }
    }
    if (uri.getHost().contains("honeycomb")) {
      report.fail(
          "Honeycomb endpoint",
          variable + " host " + uri.getHost() + " is not a Honeycomb API host",
          "use "
              + HONEYCOMB_REGIONS.get("US").getHost()
              + " (US) or "
              + HONEYCOMB_REGIONS.get("EU").getHost()
              + " (EU)");
    } else {
      report.warn(
          "Honeycomb endpoint",
          variable + " points at " + uri.getHost() + ", not Honeycomb (a collector?)",
          "fine for a collector; for Honeycomb use " + HONEYCOMB_REGIONS.get("US"));
    }
    return regions.get("US");
  }
}
