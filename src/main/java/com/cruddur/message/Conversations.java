package com.cruddur.message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A conversation's identity is derived from its two participants, never stored as a lookup a client
 * could name: the server computes it from the verified caller and the other user, so a request can
 * only ever reach a conversation its caller is part of.
 */
public final class Conversations {

  private Conversations() {}

  /**
   * The same uuid for both participants (order-independent), stable forever: a name-based (v3) uuid
   * of the two user uuids in ascending order.
   */
  public static UUID uuid(UUID a, UUID b) {
    String first = a.compareTo(b) <= 0 ? a.toString() : b.toString();
    String second = a.compareTo(b) <= 0 ? b.toString() : a.toString();
    return UUID.nameUUIDFromBytes(
        ("cruddur-conversation:" + first + ":" + second).getBytes(StandardCharsets.UTF_8));
  }
}
