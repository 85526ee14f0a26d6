package com.cruddur.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as one participant lists it: the other participant, and the last message and its
 * time. {@code uuid} is the conversation's ({@link Conversations#uuid}), the same for both
 * participants.
 */
public record MessageGroup(
    UUID uuid,
    UUID otherUserUuid,
    String otherHandle,
    String otherDisplayName,
    String lastMessage,
    Instant lastMessageAt) {}
