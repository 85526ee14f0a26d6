package com.cruddur.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures what is written to System.out, where the JSON log lines go (the console appender follows
 * System.out), and still passes it through.
 */
public final class CapturedStdout implements AutoCloseable {

  private final PrintStream original = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  public CapturedStdout() {
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
              }

              @Override
              public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  public synchronized String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  public List<JsonNode> jsonLines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text().split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(TestLambda.JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("not a JSON log line: " + line, e);
        }
      }
    }
    return lines;
  }

  @Override
  public void close() {
    System.setOut(original);
  }
}
