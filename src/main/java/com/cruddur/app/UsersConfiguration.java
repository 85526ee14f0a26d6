package com.cruddur.app;

import com.cruddur.platform.CruddurConfig;
import com.cruddur.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The user lookup, built when a feature a function serves first needs it ({@link
 * DynamoConfiguration} says why lazily).
 */
@Configuration(proxyBeanMethods = false)
@Lazy
public class UsersConfiguration {

  @Bean
  UserRepository userRepository(DynamoDbClient db, CruddurConfig config) {
    return new UserRepository(db, config.tableName());
  }
}
