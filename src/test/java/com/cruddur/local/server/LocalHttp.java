package com.cruddur.local.server;

import com.cruddur.support.ApiResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

/** Real HTTP requests to the local server on loopback, as the browser sends them. */
record LocalHttp(int port) {

  static final String FRONTEND = "http://localhost:3000";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  ApiResponse send(String method, String path, BodyPublisher body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(method, body);
    if (headers.length > 0) {
      request.headers(headers);
    }
    var response = HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
  }
}
