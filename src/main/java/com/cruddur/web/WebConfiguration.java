package com.cruddur.web;

import com.cruddur.config.CruddurConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** Cross-cutting HTTP behaviour: CORS, the request-size limit and the JSON error shape. */
@Configuration(proxyBeanMethods = false)
@Import(ApiExceptionHandler.class)
public class WebConfiguration {

  /**
   * CORS as the outermost filter, so every response the app produces carries it, errors from filters included. In
   * AWS, API Gateway answers the OPTIONS preflight itself (template.yaml's Cors) and this adds the headers to the
   * proxied responses, which API Gateway does not.
   */
  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(CruddurConfig config) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(config.frontendOrigins());
    cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Content-Type", "Authorization", "Accept", "If-Modified-Since"));
    cors.setExposedHeaders(List.of("Location", "Link"));
    cors.setMaxAge(600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ObjectMapper json) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
