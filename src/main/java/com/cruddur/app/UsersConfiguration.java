package com.cruddur.app;

import com.cruddur.platform.CruddurConfig;
import com.cruddur.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The user lookup, imported by the features that need it (with the client it reads with). */
@Configuration(proxyBeanMethods = false)
@Import(DynamoConfiguration.class)
public class UsersConfiguration {

  @Bean
  UserRepository userRepository(DynamoDbClient db, CruddurConfig config) {
    return new UserRepository(db, config.tableName());
  }
}
