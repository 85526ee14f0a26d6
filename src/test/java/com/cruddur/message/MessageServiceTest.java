package com.cruddur.message;

import static com.cruddur.activity.Fixtures.ANDREW;
import static com.cruddur.activity.Fixtures.NOW;
import static com.cruddur.activity.Fixtures.WORF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.cruddur.common.DomainException;
import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The fast tier: the message service's own logic (who a conversation belongs to, refusals,
 * idempotent replays), with its store and users replaced by mocks.
 */
class MessageServiceTest {

  static final PageRequest PAGE = new PageRequest(20, Optional.empty());

  final MessageReads reads = mock(MessageReads.class);
  final MessageWrites writes = mock(MessageWrites.class);
  final UserRepository users = mock(UserRepository.class);
  final MessageService service = new MessageService(reads, writes, users);

  @Test
  void aConversationIsTheSameForBothParticipantsAndDiffersPerPair() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    assertThat(Conversations.uuid(a, b)).isEqualTo(Conversations.uuid(b, a));
    assertThat(Conversations.uuid(a, b)).isNotEqualTo(Conversations.uuid(a, UUID.randomUUID()));
  }

  @Test
  void aConversationIsReadFromTheCallerAndTheOtherUserOnly() {
    when(users.findByHandle("worf")).thenReturn(Optional.of(WORF));
    UUID conversation = Conversations.uuid(ANDREW.uuid(), WORF.uuid());
    Page<Message> page = new Page<>(List.of(message(ANDREW, conversation)), Optional.of("next"));
    when(reads.messages(conversation, PAGE)).thenReturn(page);

    assertThat(service.conversation(ANDREW, "worf", PAGE)).isEqualTo(page);
  }

  @Test
  void anUnknownOtherUserIsNotFoundAndNothingIsRead() {
    when(users.findByHandle("nobody")).thenReturn(Optional.empty());
    assertThatThrownBy(() -> service.conversation(ANDREW, "nobody", PAGE))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
              assertThat(e.codes()).containsExactly(MessageService.USER_NOT_FOUND);
            });
    assertThatThrownBy(
            () -> service.send(NOW, ANDREW, new NewMessage("hi", "nobody"), Optional.empty()))
        .isInstanceOf(DomainException.class);
    verifyNoInteractions(reads, writes);
  }

  @Test
  void messagingYourselfIsRejectedWhicheverWayTheHandleIsSpelled() {
    when(users.findByHandle("AndrewBrown")).thenReturn(Optional.of(ANDREW));
    assertThatThrownBy(
            () -> service.send(NOW, ANDREW, new NewMessage("hi", "AndrewBrown"), Optional.empty()))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.REJECTED);
              assertThat(e.codes()).containsExactly(MessageService.MESSAGE_TO_SELF);
            });
    assertThatThrownBy(() -> service.conversation(ANDREW, "AndrewBrown", PAGE))
        .isInstanceOf(DomainException.class);
    verifyNoInteractions(reads, writes);
  }

  @Test
  void aSendIsTheSendersInTheirSharedConversationAtTheRequestTime() {
    when(users.findByHandle("worf")).thenReturn(Optional.of(WORF));
    when(writes.send(any(), eq(WORF), eq(Optional.empty())))
        .thenAnswer(invocation -> invocation.getArgument(0));

    MessageService.Sent sent =
        service.send(NOW, ANDREW, new NewMessage("Qapla'", "worf"), Optional.empty());

    ArgumentCaptor<Message> stored = ArgumentCaptor.forClass(Message.class);
    verify(writes).send(stored.capture(), eq(WORF), eq(Optional.empty()));
    assertThat(stored.getValue())
        .isEqualTo(sent.message())
        .satisfies(
            m -> {
              assertThat(m.conversationUuid())
                  .isEqualTo(Conversations.uuid(WORF.uuid(), ANDREW.uuid()));
              assertThat(m.senderUuid()).isEqualTo(ANDREW.uuid());
              assertThat(m.handle()).isEqualTo("andrewbrown");
              assertThat(m.displayName()).isEqualTo("Andrew Brown");
              assertThat(m.message()).isEqualTo("Qapla'");
              assertThat(m.createdAt()).isEqualTo(NOW);
            });
    assertThat(sent.replayed()).isFalse();
  }

  @Test
  void aRetriedKeyAnswersTheFirstMessageAndAReusedKeyIsRejected() {
    when(users.findByHandle("worf")).thenReturn(Optional.of(WORF));
    Message first = message(ANDREW, Conversations.uuid(ANDREW.uuid(), WORF.uuid()));
    Idempotency.Claim claim =
        Idempotency.claim(ANDREW.uuid(), "key-12345678", "message", WORF.uuid().toString(), "hi");
    Idempotency.Recorded recorded = new Idempotency.Recorded(claim.requestHash(), "MSG#x", "y");
    when(writes.send(any(), eq(WORF), any())).thenThrow(new Idempotency.Replayed(recorded));
    when(reads.recordedMessage(recorded)).thenReturn(Optional.of(first));

    MessageService.Sent replayed =
        service.send(NOW, ANDREW, new NewMessage("hi", "worf"), Optional.of("key-12345678"));
    assertThat(replayed.replayed()).isTrue();
    assertThat(replayed.message()).isEqualTo(first);

    assertThatThrownBy(
            () ->
                service.send(
                    NOW, ANDREW, new NewMessage("another", "worf"), Optional.of("key-12345678")))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.codes()).containsExactly(Idempotency.KEY_REUSED));
  }

  @Test
  void groupsAreTheCallersOwn() {
    Page<MessageGroup> page = new Page<>(List.of(), Optional.empty());
    when(reads.groups(ANDREW.uuid(), PAGE)).thenReturn(page);
    assertThat(service.groups(ANDREW, PAGE)).isSameAs(page);
  }

  static Message message(User from, UUID conversation) {
    return new Message(
        UUID.randomUUID(),
        conversation,
        from.uuid(),
        from.handle(),
        from.displayName(),
        "hello",
        NOW.minusSeconds(5));
  }
}
