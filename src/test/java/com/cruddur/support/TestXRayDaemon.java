package com.cruddur.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stands in for the X-Ray daemon: a UDP socket on loopback that keeps every datagram the X-Ray SDK
 * sends. The application finds it through the SDK's own setting ({@code
 * com.amazonaws.xray.emitters.daemonAddress}), set before any recorder is built.
 */
public final class TestXRayDaemon {

  public static final String HEADER = "{\"format\": \"json\", \"version\": 1}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestXRayDaemon instance;

  private final int port;
  private final List<JsonNode> documents = new CopyOnWriteArrayList<>();
  private final List<String> malformed = new CopyOnWriteArrayList<>();
  private volatile DatagramSocket socket;

  private TestXRayDaemon() throws SocketException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    port = socket.getLocalPort();
    listen(socket);
  }

  public static synchronized TestXRayDaemon get() {
    if (instance == null) {
      instance = StandIn.start(TestXRayDaemon::new);
      System.setProperty("com.amazonaws.xray.emitters.daemonAddress", "127.0.0.1:" + instance.port);
    }
    return instance;
  }

  private void listen(DatagramSocket listening) {
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[256 * 1024];
              while (!listening.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                  listening.receive(packet);
                } catch (IOException closed) {
                  return;
                }
                String datagram =
                    new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                int newline = datagram.indexOf('\n');
                if (newline < 0 || !datagram.substring(0, newline).equals(HEADER)) {
                  malformed.add(datagram);
                  continue;
                }
                try {
                  documents.add(JSON.readTree(datagram.substring(newline + 1)));
                } catch (IOException e) {
                  malformed.add(datagram);
                }
              }
            },
            "test-xray-daemon");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * The daemon address as Lambda passes it in AWS_XRAY_DAEMON_ADDRESS, for a function in another
   * JVM.
   */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** Datagrams without the daemon protocol header or not JSON: always expected to be none. */
  public List<String> malformed() {
    return List.copyOf(malformed);
  }

  /** Waits until the documents of one trace satisfy {@code complete}, then returns them. */
  public List<JsonNode> await(
      String traceId, Predicate<List<JsonNode>> complete, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonNode> trace;
    do {
      trace = trace(traceId);
      if (complete.test(trace)) {
        return trace;
      }
      sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "X-Ray documents for "
            + traceId
            + " incomplete after "
            + timeout
            + ": "
            + trace
            + " (received "
            + documents.size()
            + " documents in all on 127.0.0.1:"
            + port
            + ", daemon address "
            + System.getProperty("com.amazonaws.xray.emitters.daemonAddress")
            + ")");
  }

  public List<JsonNode> trace(String traceId) {
    List<JsonNode> trace = new ArrayList<>();
    for (JsonNode document : documents) {
      if (traceId.equals(document.path("trace_id").asText())) {
        trace.add(document);
      }
    }
    return trace;
  }

  /**
   * Runs {@code work} with nothing listening on the daemon port, then listens again on the same
   * port.
   */
  public synchronized void whileDown(Runnable work) {
    socket.close();
    try {
      work.run();
    } finally {
      try {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (SocketException e) {
        throw new IllegalStateException("could not listen again on " + port, e);
      }
      listen(socket);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
