package com.cruddur.edge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import com.cruddur.support.ApiResponse;
import com.cruddur.support.EventManifest;
import com.cruddur.support.EventManifest.Entry;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every events/ fixture, run through the handler template.yaml names for its function (the same run
 * as {@code bin/invoke <Function> events/<file>}), against the seeded table.
 */
class LambdaEventsTest {

  static List<Entry> manifest() throws IOException {
    return EventManifest.entries();
  }

  @BeforeAll
  static void seed() {
    TestDynamo.freshSeeded();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifest")
  void eachEventAnswersAsDocumented(Entry entry) throws IOException {
    TableSnapshot itemsBefore = TestDynamo.snapshot();
    byte[] event = Files.readAllBytes(Path.of("events", entry.event()));
    if (!entry.isApi()) {
      JsonNode returned = TestLambda.harness().invoke(entry.function(), event).json();
      assertThat(returned).isEqualTo(TestLambda.JSON.readTree(event));
      return;
    }

    ApiResponse response = TestLambda.invoke(entry.function(), event);

    assertThat(response.status()).as(response.body()).isEqualTo(entry.status());
    assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
    if (entry.function().equals("RollbarTestFunction")) {
      assertThat(response.header("Content-Type")).startsWith("text/plain");
      assertThat(response.body()).isEqualTo("Hello World!");
      return;
    }
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode body = response.json();
    if (entry.status() >= 400) {
      // The frontend renders error bodies as a list of codes.
      assertThat(body.isArray()).as(response.body()).isTrue();
      assertThat(body).isNotEmpty().allSatisfy(code -> assertThat(code.isTextual()).isTrue());
      assertThat(itemsBefore.writesSince()).as("a refused request stores nothing").isEmpty();
    } else {
      assertThat(body.isArray() || body.isObject()).isTrue();
    }
  }

  @Test
  void everyEventFileIsInTheManifest() throws IOException {
    Set<String> listed = manifest().stream().map(Entry::event).collect(Collectors.toSet());
    try (Stream<Path> files = Files.walk(Path.of("events"))) {
      Set<String> present =
          files
              .filter(p -> p.toString().endsWith(".json"))
              .map(p -> Path.of("events").relativize(p).toString())
              .filter(p -> !p.equals("manifest.json"))
              .collect(Collectors.toSet());
      assertThat(present).containsExactlyInAnyOrderElementsOf(listed);
    }
  }

  @Test
  void everyApiFunctionHasAnEventAndTheStreamHandler() throws IOException {
    SamTemplate template = SamTemplate.load(Path.of("template.yaml"));
    Set<String> withEvents = manifest().stream().map(Entry::function).collect(Collectors.toSet());
    assertThat(withEvents).containsExactlyInAnyOrderElementsOf(template.functionIds());
    List<String> apiFunctions =
        template.functionIds().stream()
            .filter(
                id ->
                    SamTemplate.map(template.properties(id).get("Events")).values().stream()
                        .anyMatch(e -> "Api".equals(SamTemplate.map(e).get("Type"))))
            .toList();
    assertThat(apiFunctions).hasSize(11);
    assertThat(withEvents).containsAll(apiFunctions);
    for (String id : apiFunctions) {
      assertThat(template.function(id).handler())
          .isEqualTo("com.cruddur.edge.lambda.StreamLambdaHandler::handleRequest");
      assertThat(template.function(id).runtime()).isEqualTo("java21");
    }
  }
}
