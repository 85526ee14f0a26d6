package com.cruddur.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * A reply lives in its activity's partition and expires with it. Replies to replies are not
 * supported.
 */
public record Reply(
    UUID uuid,
    UUID replyToActivityUuid,
    UUID userUuid,
    String handle,
    String displayName,
    String message,
    int repliesCount,
    int repostsCount,
    int likesCount,
    Instant createdAt,
    Instant expiresAt) {}
