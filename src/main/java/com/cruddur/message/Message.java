package com.cruddur.message;

import java.time.Instant;
import java.util.UUID;

/** One direct message, in its conversation, with its sender's handle and name as of sending. */
public record Message(
    UUID uuid,
    UUID conversationUuid,
    UUID senderUuid,
    String handle,
    String displayName,
    String message,
    Instant createdAt) {}
