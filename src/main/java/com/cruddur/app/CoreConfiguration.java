package com.cruddur.app;

import com.cruddur.health.HealthConfiguration;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.http.WebConfiguration;
import com.cruddur.platform.observe.report.ErrorsConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The application shared by the Lambda functions and the local server: features, web plumbing and
 * configuration. Each feature builds only in the functions that serve its routes ({@link
 * ServesRoutes}); the users and the DynamoDB client are built when one of them needs them.
 *
 * <p>Auto-configuration is listed explicitly instead of {@code @EnableAutoConfiguration}: only what
 * a JSON API needs is evaluated at startup, which is most of Spring's share of a cold start.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  JacksonAutoConfiguration.class,
  HttpMessageConvertersAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class,
  WebMvcAutoConfiguration.class
})
@Import({
  WebConfiguration.class,
  ErrorsConfiguration.class,
  DynamoConfiguration.class,
  UsersConfiguration.class,
  ActivitiesConfiguration.class,
  MessagesConfiguration.class,
  HealthConfiguration.class
})
public class CoreConfiguration {

  @Bean
  CruddurConfig cruddurConfig(Environment environment) {
    return CruddurConfig.from(environment::getProperty);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
