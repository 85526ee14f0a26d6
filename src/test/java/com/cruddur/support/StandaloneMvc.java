package com.cruddur.support;

import com.cruddur.platform.http.ApiExceptionHandler;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A controller on Spring MVC's test dispatcher with the application's error mapping and snake_case
 * JSON: the fast tier's web tests, with no server and no DynamoDB.
 */
public final class StandaloneMvc {

  private StandaloneMvc() {}

  public static MockMvc of(Object controller) {
    return MockMvcBuilders.standaloneSetup(controller)
        .setControllerAdvice(new ApiExceptionHandler())
        .setMessageConverters(
            new MappingJackson2HttpMessageConverter(
                Jackson2ObjectMapperBuilder.json()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .build()))
        .build();
  }
}
