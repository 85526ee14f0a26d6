package com.cruddur.local.server;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.platform.CruddurConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code ./mvnw spring-boot:test-run}: the whole API on http://localhost:4567 with DynamoDB Local
 * in this JVM, seeded with the demo data. No AWS account, no Docker. Ctrl-C stops the server, then
 * DynamoDB Local.
 *
 * <p>Settings (environment variables or -D system properties): {@code CRUDDUR_LOCAL_PORT} (4567),
 * {@code CRUDDUR_LOCAL_DYNAMODB_PORT} (8000), {@code CRUDDUR_DEV_USER} (none; the pom's run
 * configuration sets andrewbrown), {@code CRUDDUR_COGNITO_ISSUER} + {@code
 * CRUDDUR_COGNITO_CLIENT_ID} (verify bearer tokens), {@code CRUDDUR_FRONTEND_ORIGINS}
 * (http://localhost:3000).
 */
public final class LocalServer {

  private static final Logger log = LoggerFactory.getLogger(LocalServer.class);

  private LocalServer() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    Path template = Path.of(setting("CRUDDUR_TEMPLATE", "template.yaml"));
    if (!Files.isRegularFile(template)) {
      throw new IllegalStateException(
          "Run from the repository root: " + template.toAbsolutePath() + " not found");
    }
    int apiPort = Integer.parseInt(setting("CRUDDUR_LOCAL_PORT", "4567"));
    int dynamoPort = Integer.parseInt(setting("CRUDDUR_LOCAL_DYNAMODB_PORT", "8000"));

    LocalEnvironment environment =
        LocalEnvironment.start(template, dynamoPort, LocalEnvironment.TABLE_NAME);
    int seeded = environment.seed();
    System.setProperty(CruddurConfig.TABLE_NAME, environment.tableName());
    System.setProperty(CruddurConfig.DYNAMODB_ENDPOINT, environment.endpoint().toString());

    SpringApplication application = new SpringApplication(LocalApplication.class);
    application.setDefaultProperties(
        Map.of(
            "server.port",
            Integer.toString(apiPort),
            // Loopback only; set SERVER_ADDRESS=0.0.0.0 to serve other machines (e.g. inside a
            // container).
            "server.address",
            "127.0.0.1"));
    application.addListeners(
        (ApplicationListener<ContextClosedEvent>)
            event -> {
              environment.close();
              log.info("DynamoDB Local stopped");
            });
    ConfigurableApplicationContext context = application.run(args);
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info(
        "Cruddur API ready on http://localhost:{} in {} ms ({} demo activities; DynamoDB Local at {},"
            + " table {}; CORS for {})",
        apiPort,
        millis,
        seeded,
        environment.endpoint(),
        environment.tableName(),
        context.getBean(CruddurConfig.class).frontendOrigins());
  }

  static String setting(String name, String fallback) {
    String value = CruddurConfig.processValue(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
