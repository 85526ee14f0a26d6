package com.cruddur.edge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestRollbar;
import com.cruddur.support.TestSecretsManager;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.crac.CheckpointException;
import org.crac.Resource;
import org.crac.RestoreException;
import org.junit.jupiter.api.Test;

/**
 * SnapStart's checkpoint and restore, driven through the CRaC {@link Resource} API the way the
 * runtime's global context drives it (beforeCheckpoint on the resources in reverse order of
 * registration, afterRestore in order): the restore redoes nothing init and priming did — no client
 * built again, no secret read again, no DynamoDB call, no class of Spring, the AWS SDK or Rollbar
 * loaded — and only renews what differs per environment (the retry jitter; the Rollbar token when
 * it was unreadable at init, PrimingTest). Classes are counted with a JFR recording of class loads.
 */
class SnapStartRestoreTest {

  private static final String FUNCTION = "HomeActivitiesFunction";

  /** What the JVM's global CRaC context does with its resources around a checkpoint. */
  static final class SimulatedCrac extends org.crac.Context<Resource> {
    private final List<Resource> resources = new ArrayList<>();

    @Override
    public void register(Resource resource) {
      resources.add(resource);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context)
        throws CheckpointException {
      CheckpointException failures = new CheckpointException();
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).beforeCheckpoint(this);
        } catch (Exception e) {
          failures.addSuppressed(e);
        }
      }
      if (failures.getSuppressed().length > 0) {
        throw failures;
      }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) throws RestoreException {
      RestoreException failures = new RestoreException();
      for (Resource resource : resources) {
        try {
          resource.afterRestore(this);
        } catch (Exception e) {
          failures.addSuppressed(e);
        }
      }
      if (failures.getSuppressed().length > 0) {
        throw failures;
      }
    }
  }

  @Test
  void theRestoreRedoesNothingThatInitAndPrimingDid() throws Exception {
    TestLambda.harness();
    FaultyDynamo dynamo = FaultyDynamo.in(TestDynamo.freshSeeded().endpoint());
    // Init as Lambda does it for the snapshot: the handler class, then the hooks, then the
    // checkpoint, which primes.
    assertThat(TestLambda.invoke(FUNCTION, TestLambda.event("home.json")).status()).isEqualTo(200);
    SimulatedCrac crac = new SimulatedCrac();
    inFunction(
        () -> {
          crac.register(Priming.forThisFunction(new StreamLambdaHandler()));
          return null;
        });
    inFunction(
        () -> {
          rethrow(() -> crac.beforeCheckpoint(null));
          return null;
        });
    Object reporterInTheSnapshot = delegate(StreamLambdaHandler.reporter());
    int secretReads = TestSecretsManager.get().reads();
    TestRollbar.get().clear();
    dynamo.calls(true);

    List<String> loaded =
        classesLoadedDuring(
            () ->
                inFunction(
                    () -> {
                      rethrow(() -> crac.afterRestore(null));
                      return null;
                    }));

    assertThat(TestSecretsManager.get().reads())
        .as("Secrets Manager reads after the restore")
        .isEqualTo(secretReads);
    assertThat(delegate(StreamLambdaHandler.reporter()))
        .as("the Rollbar reporter built at init")
        .isSameAs(reporterInTheSnapshot);
    assertThat(StreamLambdaHandler.reporter().enabled()).isTrue();
    assertThat(dynamo.calls(true)).as("DynamoDB calls after the restore").isEmpty();
    assertThat(TestRollbar.get().items()).isEmpty();
    assertThat(loaded)
        .as("classes first loaded by the restore hook")
        .noneMatch(
            name ->
                name.startsWith("org.springframework.")
                    || name.startsWith("software.amazon.awssdk.")
                    || name.startsWith("com.amazonaws.xray.")
                    || name.startsWith("com.rollbar."));

    // What the first request after the restore still loads, for BENCHMARKS.md (reported, not
    // asserted: other tests in this JVM may have loaded some of it already).
    List<String> firstRequest =
        classesLoadedDuring(
            () ->
                assertThat(TestLambda.invoke(FUNCTION, TestLambda.event("home.json")).status())
                    .isEqualTo(200));
    Files.createDirectories(Path.of("target"));
    Files.write(
        Path.of("target", "snapstart-restore-classes.txt"),
        List.of(
            "# classes loaded by afterRestore (" + loaded.size() + ")",
            String.join("\n", loaded),
            "# classes loaded by the first request after it (" + firstRequest.size() + ")",
            String.join("\n", firstRequest)),
        StandardCharsets.UTF_8);
  }

  private static <T> T inFunction(Supplier<T> action) {
    return TestLambda.harness().withEnvironment(FUNCTION, action);
  }

  interface Action {
    void run() throws Exception;
  }

  private static void rethrow(Action action) {
    try {
      action.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reporter the renewable one currently reports to: a new one would mean it was rebuilt. */
  private static Object delegate(Object reporter) throws ReflectiveOperationException {
    Field current = reporter.getClass().getDeclaredField("current");
    current.setAccessible(true);
    return current.get(reporter);
  }

  /** The names of the classes the JVM loaded while {@code action} ran (JFR's jdk.ClassLoad). */
  private static List<String> classesLoadedDuring(Action action) throws Exception {
    Path file = Files.createTempFile("restore", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ClassLoad").withThreshold(Duration.ZERO);
      recording.start();
      action.run();
      recording.stop();
      recording.dump(file);
    }
    TreeSet<String> names = new TreeSet<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals("jdk.ClassLoad")) {
        names.add(event.getClass("loadedClass").getName());
      }
    }
    Files.delete(file);
    return List.copyOf(names);
  }
}
