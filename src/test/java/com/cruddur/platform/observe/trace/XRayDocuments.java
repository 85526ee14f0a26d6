package com.cruddur.platform.observe.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entities of one trace as the daemon received them, flattened, each with the id of the entity
 * around it.
 */
final class XRayDocuments {

  record Entity(JsonNode json, String parentId) {
    String name() {
      return json.path("name").asText();
    }

    String id() {
      return json.path("id").asText();
    }

    boolean flag(String name) {
      return json.path(name).asBoolean(false);
    }
  }

  private XRayDocuments() {}

  static List<Entity> flatten(List<JsonNode> documents) {
    List<Entity> entities = new ArrayList<>();
    for (JsonNode document : documents) {
      collect(document, document.path("parent_id").asText(null), entities);
    }
    return entities;
  }

  private static void collect(JsonNode entity, String parentId, List<Entity> into) {
    into.add(new Entity(entity, parentId));
    for (JsonNode child : entity.path("subsegments")) {
      collect(child, entity.path("id").asText(), into);
    }
  }

  static Optional<Entity> named(List<Entity> entities, String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  static List<Entity> dynamoDb(List<Entity> entities) {
    return entities.stream().filter(e -> e.name().equals("DynamoDb")).toList();
  }
}
