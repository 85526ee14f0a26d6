package com.cruddur.activities;

import com.cruddur.config.CruddurConfig;
import com.cruddur.telemetry.Tracing;
import com.cruddur.users.UserRepository;
import java.time.Clock;
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
  ActivityService activityService(ActivityRepository activities, UserRepository users, Clock clock,
      Tracing tracing) {
    return new ActivityService(activities, users, clock, tracing);
  }
}
