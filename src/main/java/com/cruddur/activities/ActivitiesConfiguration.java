package com.cruddur.activities;

import com.cruddur.config.CruddurConfig;
import com.cruddur.users.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Configuration(proxyBeanMethods = false)
@Import(ActivityController.class)
public class ActivitiesConfiguration {

  @Bean
  ActivityFeeds activityFeeds(DynamoDbClient db, CruddurConfig config) {
    return new DynamoActivityFeeds(db, config.tableName());
  }

  @Bean
  ActivityWrites activityWrites(DynamoDbClient db, CruddurConfig config, ActivityFeeds feeds) {
    return new DynamoActivityWrites(db, config.tableName(), feeds);
  }

  @Bean
  ActivityService activityService(ActivityWrites writes, ActivityFeeds feeds, UserRepository users) {
    return new ActivityService(writes, feeds, users);
  }
}
