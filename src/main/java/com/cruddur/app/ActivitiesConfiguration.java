package com.cruddur.app;

import com.cruddur.activity.ActivityFeeds;
import com.cruddur.activity.ActivityService;
import com.cruddur.activity.ActivityWrites;
import com.cruddur.activity.store.DynamoActivityFeeds;
import com.cruddur.activity.store.DynamoActivityWrites;
import com.cruddur.activity.web.ActivityController;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The activity routes (template.yaml's Events): feeds, search, show, create and reply. */
@Configuration(proxyBeanMethods = false)
@ServesRoutes({
  "GET /api/activities/home",
  "GET /api/activities/notifications",
  "GET /api/activities/search",
  "GET /api/activities/{activity_uuid}",
  "POST /api/activities",
  "POST /api/activities/{activity_uuid}/reply"
})
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
  ActivityService activityService(
      ActivityWrites writes, ActivityFeeds feeds, UserRepository users) {
    return new ActivityService(writes, feeds, users);
  }
}
