package com.cruddur.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored activity. {@code recentReplies} holds the newest few replies (oldest first) so feeds can
 * show them without a read per activity; {@code version} guards that copy against concurrent
 * replies.
 */
public record Activity(
    UUID uuid,
    UUID userUuid,
    String handle,
    String displayName,
    String message,
    int repliesCount,
    int repostsCount,
    int likesCount,
    Instant createdAt,
    Instant expiresAt,
    List<Reply> recentReplies,
    long version) {

  /** How many replies an activity carries for feeds. */
  public static final int RECENT_REPLIES = 3;

  public Activity {
    recentReplies = List.copyOf(recentReplies);
  }

  public boolean isLiveAt(Instant now) {
    return expiresAt.isAfter(now);
  }
}
