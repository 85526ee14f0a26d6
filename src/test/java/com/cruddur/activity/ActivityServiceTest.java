package com.cruddur.activity;

import static com.cruddur.activity.Fixtures.ANDREW;
import static com.cruddur.activity.Fixtures.NOW;
import static com.cruddur.activity.Fixtures.WORF;
import static com.cruddur.activity.Fixtures.activity;
import static com.cruddur.activity.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cruddur.activity.ActivityFeeds.Notification;
import com.cruddur.activity.ActivityService.Shown;
import com.cruddur.common.DomainException;
import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The fast tier: the service's own logic, with its store and users replaced by mocks (no DynamoDB
 * Local).
 */
class ActivityServiceTest {

  static final PageRequest PAGE = new PageRequest(20, Optional.empty());

  final ActivityFeeds feeds = mock(ActivityFeeds.class);
  final ActivityWrites writes = mock(ActivityWrites.class);
  final UserRepository users = mock(UserRepository.class);
  final ActivityService service = new ActivityService(writes, feeds, users);

  @Test
  void notificationsShowAnActivityOnceWithItsRepliesOldestFirst() {
    Activity first = activity("first", 0);
    Activity second = activity("second", 0);
    Reply late = reply(first, NOW.minusSeconds(5));
    Reply early = reply(first, NOW.minusSeconds(30));
    when(feeds.notifications(ANDREW.uuid(), NOW, PAGE))
        .thenReturn(
            new Page<>(
                List.of(
                    new Notification(first, Optional.of(late)),
                    new Notification(second, Optional.empty()),
                    new Notification(first, Optional.of(early))),
                Optional.of("next")));

    Page<Shown> shown = service.notifications(NOW, ANDREW, PAGE);

    assertThat(shown.items())
        .extracting(s -> s.activity().uuid())
        .containsExactly(first.uuid(), second.uuid());
    assertThat(shown.items().get(0).replies()).containsExactly(early, late);
    assertThat(shown.items().get(1).replies()).isEmpty();
    assertThat(shown.nextCursor()).contains("next");
  }

  @Test
  void anUnknownHandleIsNotFoundAndReadsNoFeed() {
    when(users.findByHandle("nobody")).thenReturn(Optional.empty());
    assertThatThrownBy(() -> service.userActivities(NOW, "nobody", PAGE))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
              assertThat(e.codes()).containsExactly(ActivityService.USER_NOT_FOUND);
            });
    verify(feeds, never()).byUser(any(), any(), any());
  }

  @Test
  void aCreateStoresTheSearchWordsAndNotifiesMentionedUsersButNotTheAuthor() {
    when(users.findByHandles(Set.of("worf", "andrewbrown"))).thenReturn(List.of(WORF, ANDREW));

    var created =
        service.create(
            NOW,
            ANDREW,
            new NewActivity("Tea, Earl Grey @worf @andrewbrown", Ttl.ONE_DAY),
            Optional.empty());

    ArgumentCaptor<Activity> stored = ArgumentCaptor.forClass(Activity.class);
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<String>> words = ArgumentCaptor.forClass(List.class);
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<User>> mentioned = ArgumentCaptor.forClass(List.class);
    verify(writes)
        .create(stored.capture(), words.capture(), mentioned.capture(), eq(Optional.empty()));
    assertThat(created.replayed()).isFalse();
    assertThat(created.activity()).isEqualTo(stored.getValue());
    assertThat(stored.getValue().createdAt()).isEqualTo(NOW);
    assertThat(stored.getValue().expiresAt()).isEqualTo(NOW.plus(Ttl.ONE_DAY.duration()));
    assertThat(words.getValue()).contains("tea", "earl", "grey", "andrewbrown");
    assertThat(mentioned.getValue()).containsExactly(WORF);
  }

  @Test
  void aRetriedCreateAnswersWhatTheFirstOneCreated() {
    Activity first = activity("hello", 0);
    Idempotency.Claim claim =
        Idempotency.claim(ANDREW.uuid(), "key-12345678", "activity", "hello", "1-day");
    Idempotency.Recorded recorded = new Idempotency.Recorded(claim.requestHash(), "ACT#x", "ACT");
    doThrow(new Idempotency.Replayed(recorded))
        .when(writes)
        .create(any(), anyList(), anyList(), any());
    when(feeds.recordedActivity(recorded)).thenReturn(Optional.of(first));

    var created =
        service.create(
            NOW, ANDREW, new NewActivity("hello", Ttl.ONE_DAY), Optional.of("key-12345678"));

    assertThat(created.replayed()).isTrue();
    assertThat(created.activity()).isEqualTo(first);
  }

  @Test
  void aKeyReusedForAnotherRequestIsRejected() {
    Idempotency.Recorded other = new Idempotency.Recorded("another-request", "ACT#x", "ACT");
    doThrow(new Idempotency.Replayed(other))
        .when(writes)
        .create(any(), anyList(), anyList(), any());

    assertThatThrownBy(
            () ->
                service.create(
                    NOW,
                    ANDREW,
                    new NewActivity("hello", Ttl.ONE_DAY),
                    Optional.of("key-12345678")))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.REJECTED);
              assertThat(e.codes()).containsExactly("idempotency_key_reused");
            });
    verify(feeds, never()).recordedActivity(any());
  }

  @Test
  void aReplyToAMissingOrExpiredActivityIsNotFound() {
    UUID parent = UUID.randomUUID();
    when(writes.addReply(any(), eq(parent), eq(WORF), eq("late"), eq(NOW), any()))
        .thenReturn(new ActivityWrites.ParentNotFound());
    assertThatThrownBy(
            () -> service.reply(NOW, WORF, parent, new NewReply("late"), Optional.empty()))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.codes()).containsExactly(ActivityService.ACTIVITY_NOT_FOUND));
  }

  @Test
  void anExpiredActivityIsNotShown() {
    Activity gone =
        new Activity(
            UUID.randomUUID(),
            ANDREW.uuid(),
            "andrewbrown",
            "Andrew Brown",
            "old",
            0,
            0,
            0,
            NOW.minusSeconds(7200),
            NOW.minusSeconds(1),
            List.of(),
            0);
    when(feeds.find(gone.uuid(), false)).thenReturn(Optional.of(gone));
    assertThat(service.show(NOW, gone.uuid(), PAGE)).isEmpty();
    verify(feeds, never()).replies(any(), any(), any());
  }
}
