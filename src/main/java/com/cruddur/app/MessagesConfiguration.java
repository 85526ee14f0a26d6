package com.cruddur.app;

import com.cruddur.message.MessageReads;
import com.cruddur.message.MessageService;
import com.cruddur.message.MessageWrites;
import com.cruddur.message.store.DynamoMessageReads;
import com.cruddur.message.store.DynamoMessageWrites;
import com.cruddur.message.web.MessageController;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The direct-message routes (template.yaml's Events): conversations, one conversation, send. */
@Configuration(proxyBeanMethods = false)
@ServesRoutes({"GET /api/message_groups", "GET /api/messages/{handle}", "POST /api/messages"})
@Import(MessageController.class)
public class MessagesConfiguration {

  @Bean
  MessageReads messageReads(DynamoDbClient db, CruddurConfig config) {
    return new DynamoMessageReads(db, config.tableName());
  }

  @Bean
  MessageWrites messageWrites(DynamoDbClient db, CruddurConfig config) {
    return new DynamoMessageWrites(db, config.tableName());
  }

  @Bean
  MessageService messageService(MessageReads reads, MessageWrites writes, UserRepository users) {
    return new MessageService(reads, writes, users);
  }
}
