package com.cruddur.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The benchmark's baseline: the least a Java API Gateway function does (read the proxy event with
 * Jackson, answer a proxy response), with the same Jackson and lambda-core as the artifact. Our
 * functions are measured against it.
 */
public final class BareHandler implements RequestStreamHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = JSON.readTree(input);
    ObjectNode response = JSON.createObjectNode();
    response.put("statusCode", "GET".equals(event.path("httpMethod").asText()) ? 200 : 405);
    response.putObject("headers").put("Content-Type", "application/json");
    response.put("body", "[]");
    response.put("isBase64Encoded", false);
    JSON.writeValue(output, response);
  }
}
