package com.cruddur.app;

import com.cruddur.platform.CruddurConfig;
import com.cruddur.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Configuration(proxyBeanMethods = false)
public class UsersConfiguration {

  @Bean
  UserRepository userRepository(DynamoDbClient db, CruddurConfig config) {
    return new UserRepository(db, config.tableName());
  }
}
