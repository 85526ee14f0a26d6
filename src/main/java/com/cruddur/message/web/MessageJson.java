package com.cruddur.message.web;

import com.cruddur.common.Timestamps;
import com.cruddur.message.Message;
import com.cruddur.message.MessageGroup;

/**
 * The wire shapes the Cruddur frontend's Messages pages read; field names become snake_case through
 * the Jackson configuration.
 */
public final class MessageJson {

  private MessageJson() {}

  /** A message: {@code handle} and {@code display_name} are its sender's. */
  public record MessageView(
      String uuid, String handle, String displayName, String message, String createdAt) {}

  /**
   * A conversation in the caller's list: {@code uuid} is the conversation's, {@code handle} and
   * {@code display_name} the other participant's (the page links to /messages/@handle), {@code
   * message} and {@code created_at} the last message's.
   */
  public record MessageGroupView(
      String uuid, String handle, String displayName, String message, String createdAt) {}

  static MessageView of(Message m) {
    return new MessageView(
        m.uuid().toString(),
        m.handle(),
        m.displayName(),
        m.message(),
        Timestamps.wire(m.createdAt()));
  }

  static MessageGroupView of(MessageGroup g) {
    return new MessageGroupView(
        g.uuid().toString(),
        g.otherHandle(),
        g.otherDisplayName(),
        g.lastMessage(),
        Timestamps.wire(g.lastMessageAt()));
  }
}
