package com.cruddur.local;

import com.cruddur.config.CoreConfiguration;
import com.cruddur.users.CurrentUser;
import com.cruddur.users.UserRepository;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The local server: the same application the Lambda functions run (controllers, services, repositories, error
 * handling, CORS), served by an embedded Tomcat, with a development user instead of Cognito claims.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
@Import(CoreConfiguration.class)
public class LocalApplication {

  @Bean
  CurrentUser currentUser(UserRepository users, Environment environment) {
    String handle = environment.getProperty(DevCurrentUser.SETTING, DevCurrentUser.DEFAULT_HANDLE).trim();
    return new DevCurrentUser(users, handle.isEmpty() ? Optional.empty() : Optional.of(handle));
  }
}
