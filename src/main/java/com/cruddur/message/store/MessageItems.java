package com.cruddur.message.store;

import static com.cruddur.platform.dynamo.Attributes.GSI3_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI3_SK;
import static com.cruddur.platform.dynamo.Attributes.MESSAGES_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.MESSAGE_GROUPS_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.s;

import com.cruddur.common.Timestamps;
import com.cruddur.message.Message;
import com.cruddur.message.MessageGroup;
import com.cruddur.platform.dynamo.Key;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps messages and conversation entries to and from DynamoDB attribute maps. The key layout is
 * documented in docs/table-design.md.
 */
final class MessageItems {

  static final String LAST_MESSAGE_SK = "last_message_sk";

  private MessageItems() {}

  static String messagesPk(UUID conversationUuid) {
    return MESSAGES_PREFIX + conversationUuid;
  }

  static String groupsPk(UUID ownerUuid) {
    return MESSAGE_GROUPS_PREFIX + ownerUuid;
  }

  /** Oldest-first ordering key: fixed-width UTC time, then the uuid to break ties. */
  static String messageSk(Instant createdAt, UUID uuid) {
    return Timestamps.storage(createdAt) + "#" + uuid;
  }

  static Key messageKey(Message m) {
    return new Key(messagesPk(m.conversationUuid()), messageSk(m.createdAt(), m.uuid()));
  }

  /**
   * An owner's entry for one conversation: one item per owner and conversation, updated in place.
   */
  static Key groupKey(UUID ownerUuid, UUID conversationUuid) {
    return new Key(groupsPk(ownerUuid), conversationUuid.toString());
  }

  static Map<String, AttributeValue> messageItem(Message m) {
    Map<String, AttributeValue> item = new HashMap<>(messageKey(m).attributes());
    item.put("uuid", str(m.uuid().toString()));
    item.put("conversation_uuid", str(m.conversationUuid().toString()));
    item.put("user_uuid", str(m.senderUuid().toString()));
    item.put("handle", str(m.handle()));
    item.put("display_name", str(m.displayName()));
    item.put("message", str(m.message()));
    item.put("created_at", str(Timestamps.storage(m.createdAt())));
    return item;
  }

  static Message message(Map<String, AttributeValue> item) {
    return new Message(
        UUID.fromString(s(item, "uuid")),
        UUID.fromString(s(item, "conversation_uuid")),
        UUID.fromString(s(item, "user_uuid")),
        s(item, "handle"),
        s(item, "display_name"),
        s(item, "message"),
        Timestamps.parseStorage(s(item, "created_at")));
  }

  /**
   * The values of an entry's bump to {@code m}: the other participant (their name as of now), the
   * last message, and the index sort key that lists the entry by that message's time.
   */
  static Map<String, AttributeValue> bumpValues(
      Message m, UUID ownerUuid, UUID otherUuid, String otherHandle, String otherDisplayName) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":gsi3pk", str(groupsPk(ownerUuid)));
    values.put(":gsi3sk", str(messageSk(m.createdAt(), m.conversationUuid())));
    values.put(":conversation", str(m.conversationUuid().toString()));
    values.put(":other_uuid", str(otherUuid.toString()));
    values.put(":other_handle", str(otherHandle));
    values.put(":other_name", str(otherDisplayName));
    values.put(":message", str(m.message()));
    values.put(":at", str(Timestamps.storage(m.createdAt())));
    values.put(":sk", str(messageSk(m.createdAt(), m.uuid())));
    return values;
  }

  static final String BUMP =
      "SET #gsi3pk = :gsi3pk, #gsi3sk = :gsi3sk, conversation_uuid = :conversation,"
          + " other_user_uuid = :other_uuid, other_handle = :other_handle,"
          + " other_display_name = :other_name, last_message = :message,"
          + " last_message_at = :at, "
          + LAST_MESSAGE_SK
          + " = :sk";

  /** Only a newer message moves an entry: concurrent sends can never leave an older one on top. */
  static final String BUMP_CONDITION = "attribute_not_exists(#pk) OR " + LAST_MESSAGE_SK + " < :sk";

  static Map<String, String> bumpNames() {
    return Map.of("#pk", PK, "#gsi3pk", GSI3_PK, "#gsi3sk", GSI3_SK);
  }

  static MessageGroup group(Map<String, AttributeValue> item) {
    return new MessageGroup(
        UUID.fromString(s(item, "conversation_uuid")),
        UUID.fromString(s(item, "other_user_uuid")),
        s(item, "other_handle"),
        s(item, "other_display_name"),
        s(item, "last_message"),
        Timestamps.parseStorage(s(item, "last_message_at")));
  }

  /** The time of the last message an entry lists, or null when the item is not an entry. */
  static Instant lastMessageAt(Map<String, AttributeValue> item) {
    String at = item == null ? null : s(item, "last_message_at");
    return at == null ? null : Timestamps.parseStorage(at);
  }

  /** Whether {@code value} is exactly a uuid as this store writes it (a cursor must hold one). */
  static boolean isUuid(String value) {
    try {
      return UUID.fromString(value).toString().equals(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static AttributeValue str(String value) {
    return AttributeValue.fromS(value);
  }
}
