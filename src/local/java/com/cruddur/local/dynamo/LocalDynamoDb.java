package com.cruddur.local.dynamo;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM: in memory, telemetry off, listening on loopback only, so
 * nothing leaves the machine and other hosts cannot reach it. It speaks the real DynamoDB HTTP API,
 * so the application's SDK client (and later its tracing interceptors) runs exactly as it does
 * against AWS.
 */
public final class LocalDynamoDb implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * @param port the port to listen on, or 0 for any free port
   */
  public static LocalDynamoDb start(int port) {
    int chosen = port == 0 ? freePort() : port;
    try {
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-port", Integer.toString(chosen), "-disableTelemetry"});
      bindToLoopback(server);
      server.start();
      return new LocalDynamoDb(server, chosen);
    } catch (Exception e) {
      throw new IllegalStateException(
          "DynamoDB Local could not start on 127.0.0.1:"
              + chosen
              + " (is something else listening there?)",
          e);
    }
  }

  /**
   * DynamoDB Local has no option for the bind address and listens on all interfaces; its Jetty
   * server is reached through the one private field that holds it, before it starts. If a DynamoDB
   * Local upgrade renames that field, this fails loudly rather than exposing the database on the
   * network.
   */
  private static void bindToLoopback(DynamoDBProxyServer proxy)
      throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) {
      throw new IllegalStateException("DynamoDB Local's server has no connector to bind");
    }
    for (Connector connector : connectors) {
      ((ServerConnector) connector).setHost(InetAddress.getLoopbackAddress().getHostAddress());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }
}
