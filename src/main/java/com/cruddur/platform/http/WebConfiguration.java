package com.cruddur.platform.http;

import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.observe.trace.FailureKind;
import com.cruddur.platform.observe.trace.Tracing;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-cutting HTTP behaviour: CORS, the request-size limit, the JSON error shape and the spans
 * around routes.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiExceptionHandler.class)
public class WebConfiguration {

  /**
   * CORS as the outermost filter, so every response the app produces carries it, errors from
   * filters included. In AWS, API Gateway answers the OPTIONS preflight itself (template.yaml's
   * Cors) and this adds the headers to the proxied responses, which API Gateway does not.
   */
  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(CruddurConfig config, ObjectMapper json) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(config.frontendOrigins());
    cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of("Content-Type", "Authorization", "Accept", "If-Modified-Since", "Idempotency-Key"));
    cors.setExposedHeaders(List.of("Location", "Link"));
    cors.setMaxAge(600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    CorsFilter filter = new CorsFilter(source);
    filter.setCorsProcessor(new JsonRejectingCorsProcessor(json));
    FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * A request from an origin that is not allowed gets the same JSON error shape as every other
   * refusal.
   */
  static final class JsonRejectingCorsProcessor extends DefaultCorsProcessor {
    private final ObjectMapper json;

    JsonRejectingCorsProcessor(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
      response.setStatusCode(HttpStatus.FORBIDDEN);
      response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
      json.writeValue(response.getBody(), List.of(ErrorCodes.CORS_ORIGIN_NOT_ALLOWED));
      response.flush();
    }
  }

  /**
   * Which failures the tracings record as the client's (the web layer knows; telemetry does not).
   */
  @Bean
  FailureKind.Classifier failureClassifier() {
    return ApiErrors::classify;
  }

  @Bean
  RouteSpans routeSpans(Tracing tracing, Clock clock) {
    return new RouteSpans(tracing, clock);
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ObjectMapper json) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
