package com.cruddur.activity.web;

import com.cruddur.activity.Activity;
import com.cruddur.activity.Reply;
import com.cruddur.common.Timestamps;
import java.util.List;

/**
 * The wire shapes the Cruddur frontend reads; field names become snake_case through the Jackson
 * configuration.
 */
public final class ActivityJson {

  private ActivityJson() {}

  public record ActivityView(
      String uuid,
      String handle,
      String displayName,
      String message,
      int repliesCount,
      int repostsCount,
      int likesCount,
      String createdAt,
      String expiresAt,
      List<ReplyView> replies) {}

  public record ReplyView(
      String uuid,
      String replyToActivityUuid,
      String handle,
      String displayName,
      String message,
      int repliesCount,
      int repostsCount,
      int likesCount,
      String createdAt) {}

  static ActivityView of(Activity a, List<Reply> replies) {
    return new ActivityView(
        a.uuid().toString(),
        a.handle(),
        a.displayName(),
        a.message(),
        a.repliesCount(),
        a.repostsCount(),
        a.likesCount(),
        Timestamps.wire(a.createdAt()),
        Timestamps.wire(a.expiresAt()),
        replies.stream().map(ActivityJson::of).toList());
  }

  /** Feeds show the activity with the replies it carries. */
  static ActivityView of(Activity a) {
    return of(a, a.recentReplies());
  }

  static ReplyView of(Reply r) {
    return new ReplyView(
        r.uuid().toString(),
        r.replyToActivityUuid().toString(),
        r.handle(),
        r.displayName(),
        r.message(),
        r.repliesCount(),
        r.repostsCount(),
        r.likesCount(),
        Timestamps.wire(r.createdAt()));
  }
}
