package com.cruddur.platform.observe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daemon address is read once, when a function's recorder is built, so each bad address gets
 * its own JVM: the Docker-free invoke ({@code bin/invoke}) of the home feed, with
 * AWS_XRAY_DAEMON_ADDRESS as Lambda would pass it.
 */
class XRayDaemonAddressTest {

  static final List<String> SEEDED_HOME =
      List.of(
          "248959df-3079-4947-b847-9e0892d1bab4",
          "0a7c1e55-d2b8-4f3e-b6a1-7e9d2c4f8b21",
          "5f3e2b19-2a44-4c07-8d8a-3c1f4b6e9a10",
          "68f126b0-1ceb-4a33-88be-d90fa7109eee",
          "66e12864-8c26-4c3a-9658-95a10f8fea67");

  private static final Map<Process, Path> STDERR = new HashMap<>();

  @Test
  void anUnresolvableOrMalformedDaemonAddressChangesNoResponse() throws Exception {
    List<Process> runs = new ArrayList<>();
    for (String address : List.of("xray-daemon.invalid:2000", "not an address")) {
      runs.add(invoke(address));
    }
    for (Process run : runs) {
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String stdout = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.exitValue()).as("%s%n%s", stdout, Files.readString(STDERR.get(run))).isZero();
      ApiResponse response = TestLambda.toResponse(TestLambda.JSON.readTree(stdout));
      assertThat(response.status()).isEqualTo(200);
      List<String> uuids = new ArrayList<>();
      for (JsonNode activity : response.json()) {
        uuids.add(activity.get("uuid").asText());
      }
      assertThat(uuids).containsExactlyElementsOf(SEEDED_HOME);
    }
  }

  private static Process invoke(String daemonAddress) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            "-Duser.timezone=UTC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            "com.cruddur.local.sam.LocalInvoke",
            "HomeActivitiesFunction",
            "events/home.json");
    builder.environment().put("AWS_XRAY_DAEMON_ADDRESS", daemonAddress);
    // Kept for the failure message: the child's own account of why it failed.
    File stderr = File.createTempFile("xray-daemon-address", ".stderr");
    stderr.deleteOnExit();
    builder.redirectError(stderr);
    Process process = builder.start();
    STDERR.put(process, stderr.toPath());
    return process;
  }
}
