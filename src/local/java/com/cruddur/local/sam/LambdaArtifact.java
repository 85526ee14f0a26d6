package com.cruddur.local.sam;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The function code as {@code sam build} lays it out and Lambda mounts it at /var/task:
 * target/classes at the root, the runtime-scope jars in lib/ (the same layout bin/bench builds, at
 * the same place). The jar list is the one the Maven build writes to
 * target/lambda-artifact-classpath.txt; the directory is laid out afresh each time, so a jar
 * dropped from the build never lingers in lib/.
 *
 * <p>Also the runtime's own classpath (Lambda's /var/runtime/lib): the Java runtime interface
 * client with its dependencies (aws-lambda-java-core, aws-lambda-java-serialization, the AWS SDK's
 * utils-lite), taken from this JVM's (test) classpath, never from the artifact.
 */
public final class LambdaArtifact {

  public static final Path DIRECTORY = Path.of("target", "lambda-artifact");
  static final Path CLASSES = Path.of("target", "classes");
  static final Path CLASSPATH_FILE = Path.of("target", "lambda-artifact-classpath.txt");
  private static final List<String> RUNTIME_JARS =
      List.of(
          "aws-lambda-java-runtime-interface-client-",
          "aws-lambda-java-core-",
          "aws-lambda-java-serialization-",
          "utils-lite-");

  private LambdaArtifact() {}

  /**
   * Lays out {@link #DIRECTORY} from target/classes and the build's runtime jar list; returns its
   * absolute path.
   */
  public static Path layOut() {
    if (!Files.isRegularFile(CLASSPATH_FILE) || !Files.isDirectory(CLASSES)) {
      throw new IllegalStateException(
          CLASSPATH_FILE
              + " or "
              + CLASSES
              + " is missing; both are made by the Maven"
              + " build (mvn test-compile)");
    }
    try {
      deleteRecursively(DIRECTORY);
      copyTree(CLASSES, DIRECTORY);
      Path lib = Files.createDirectories(DIRECTORY.resolve("lib"));
      String list = Files.readString(CLASSPATH_FILE).trim();
      for (String entry : list.isEmpty() ? new String[0] : list.split(File.pathSeparator)) {
        Path jar = Path.of(entry);
        Files.copy(
            jar, lib.resolve(jar.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
      return DIRECTORY.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The runtime interface client's jars from this JVM's classpath, as Lambda's /var/runtime/lib
   * holds them.
   */
  public static List<Path> runtimeClasspath() {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Path> jars = new ArrayList<>();
    for (String prefix : RUNTIME_JARS) {
      Path found = null;
      for (String entry : classpath.split(File.pathSeparator)) {
        Path path = Path.of(entry);
        if (path.getFileName() != null
            && path.getFileName().toString().startsWith(prefix)
            && entry.endsWith(".jar")) {
          found = path.toAbsolutePath();
        }
      }
      if (found == null) {
        throw new IllegalStateException(
            prefix + "*.jar is not on the classpath (a test-scope dependency in pom.xml)");
      }
      jars.add(found);
    }
    return jars;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
