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
  ActivityRepository activityRepository(DynamoDbClient db, CruddurConfig config) {
    return new ActivityRepository(db, config.tableName());
  }

  @Bean
  ActivityService activityService(ActivityRepository activities, UserRepository users) {
    return new ActivityService(activities, users);
  }
}
