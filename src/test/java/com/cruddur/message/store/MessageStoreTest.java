package com.cruddur.message.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.common.Timestamps;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.message.Conversations;
import com.cruddur.message.Message;
import com.cruddur.message.MessageGroup;
import com.cruddur.message.MessageService;
import com.cruddur.message.NewMessage;
import com.cruddur.platform.dynamo.Attributes;
import com.cruddur.platform.dynamo.Cursors;
import com.cruddur.platform.dynamo.InvalidCursorException;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The messaging access patterns and the send transaction, against DynamoDB Local. */
class MessageStoreTest {

  static final PageRequest ALL = PageRequest.first(PageRequest.MAX_LIMIT);

  static DynamoMessageReads reads;
  static MessageService service;
  static UserRepository users;
  static LocalEnvironment env;

  @BeforeAll
  static void setUp() {
    env = TestDynamo.get();
    env.recreateTable();
    users = new UserRepository(env.client(), env.tableName());
    reads = new DynamoMessageReads(env.client(), env.tableName());
    service =
        new MessageService(reads, new DynamoMessageWrites(env.client(), env.tableName()), users);
  }

  static User user(String name) {
    User user =
        new User(
            UUID.randomUUID(),
            name + "-" + UUID.randomUUID().toString().substring(0, 8),
            "The " + name,
            Optional.empty());
    assertThat(users.create(user, Instant.now())).isTrue();
    return user;
  }

  static Message send(User from, User to, String text, Instant at) {
    return service.send(at, from, new NewMessage(text, to.handle()), Optional.empty()).message();
  }

  @Test
  void conversationsListNewestFirstWithTheOtherPersonAndTheLastMessage() {
    User a = user("a");
    User b = user("b");
    User c = user("c");
    Instant t = Timestamps.truncate(Instant.now());
    send(a, b, "first", t.minusSeconds(30));
    send(b, a, "second", t.minusSeconds(20));
    send(c, a, "from c", t.minusSeconds(10));

    List<MessageGroup> ofA = reads.groups(a.uuid(), ALL).items();
    assertThat(ofA)
        .extracting(MessageGroup::otherHandle, MessageGroup::lastMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(c.handle(), "from c"),
            org.assertj.core.groups.Tuple.tuple(b.handle(), "second"));
    assertThat(ofA.get(1).uuid()).isEqualTo(Conversations.uuid(a.uuid(), b.uuid()));
    assertThat(ofA.get(1).otherDisplayName()).isEqualTo("The b");
    assertThat(ofA.get(1).lastMessageAt()).isEqualTo(t.minusSeconds(20));

    List<MessageGroup> ofB = reads.groups(b.uuid(), ALL).items();
    assertThat(ofB)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.otherHandle()).isEqualTo(a.handle());
              assertThat(g.uuid()).isEqualTo(ofA.get(1).uuid());
            });

    // A new message moves the older conversation back to the top, in place.
    send(a, b, "third", t);
    assertThat(reads.groups(a.uuid(), ALL).items())
        .extracting(MessageGroup::otherHandle)
        .containsExactly(b.handle(), c.handle());
  }

  @Test
  void aConversationPagesFromItsNewestMessagesBackEachPageOldestFirst() {
    User a = user("a");
    User b = user("b");
    Instant t = Timestamps.truncate(Instant.now());
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(send(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, "m" + i, t.plusSeconds(i)).message());
    }
    UUID conversation = Conversations.uuid(a.uuid(), b.uuid());

    Page<Message> newest = reads.messages(conversation, PageRequest.first(2));
    assertThat(newest.items()).extracting(Message::message).containsExactly("m3", "m4");
    Page<Message> older = reads.messages(conversation, new PageRequest(2, newest.nextCursor()));
    assertThat(older.items()).extracting(Message::message).containsExactly("m1", "m2");
    Page<Message> oldest = reads.messages(conversation, new PageRequest(2, older.nextCursor()));
    assertThat(oldest.items()).extracting(Message::message).containsExactly("m0");
    assertThat(oldest.nextCursor()).isEmpty();
    assertThat(reads.messages(conversation, ALL).items())
        .extracting(Message::message)
        .containsExactlyElementsOf(sent);
  }

  @Test
  void aCursorCannotMoveTheReadToSomeoneElsesConversationOrList() {
    User a = user("a");
    User b = user("b");
    User c = user("c");
    send(b, c, "private", Instant.now());
    String theirConversation =
        Cursors.encode(
            Map.of(
                Attributes.PK,
                AttributeValue.fromS("MSG#" + Conversations.uuid(b.uuid(), c.uuid())),
                Attributes.SK,
                AttributeValue.fromS("9999")),
            Attributes.TABLE_KEY);
    assertThatThrownBy(
            () ->
                reads.messages(
                    Conversations.uuid(a.uuid(), b.uuid()),
                    new PageRequest(5, Optional.of(theirConversation))))
        .isInstanceOf(InvalidCursorException.class);
    String theirList =
        Cursors.encode(
            Map.of(
                Attributes.PK, AttributeValue.fromS("GRP#" + b.uuid()),
                Attributes.SK, AttributeValue.fromS(UUID.randomUUID().toString()),
                Attributes.GSI3_PK, AttributeValue.fromS("GRP#" + b.uuid()),
                Attributes.GSI3_SK, AttributeValue.fromS("z")),
            Attributes.GSI3_KEY);
    assertThatThrownBy(() -> reads.groups(a.uuid(), new PageRequest(5, Optional.of(theirList))))
        .isInstanceOf(InvalidCursorException.class);
  }

  /**
   * Both participants send at once, many times: every message lands, each after the one before it,
   * and both lists show the newest message as the last.
   */
  @Test
  void concurrentSendsToOneConversationLoseNothingAndKeepTheNewestOnTop() throws Exception {
    User a = user("a");
    User b = user("b");
    int sends = 18;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Message>> futures = new ArrayList<>();
    // Every send asks for the same instant, so each must be placed after the one that won.
    Instant at = Timestamps.truncate(Instant.now());
    for (int i = 0; i < sends; i++) {
      User from = i % 2 == 0 ? a : b;
      User to = i % 2 == 0 ? b : a;
      String text = "concurrent " + i;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return send(from, to, text, at);
              }));
    }
    start.countDown();
    Set<UUID> acknowledged = new HashSet<>();
    try {
      for (Future<Message> f : futures) {
        acknowledged.add(f.get(60, TimeUnit.SECONDS).uuid());
      }
    } finally {
      // Nothing of this test may still be writing when the next one looks at the table.
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    List<Message> stored = reads.messages(Conversations.uuid(a.uuid(), b.uuid()), ALL).items();
    assertThat(stored).hasSize(sends);
    assertThat(stored).extracting(Message::uuid).containsExactlyInAnyOrderElementsOf(acknowledged);
    // Never before the message that was last when it landed (equal times are ordered by uuid).
    for (int i = 1; i < stored.size(); i++) {
      assertThat(stored.get(i).createdAt()).isAfterOrEqualTo(stored.get(i - 1).createdAt());
    }
    Message newest = stored.get(stored.size() - 1);
    for (User owner : List.of(a, b)) {
      assertThat(reads.groups(owner.uuid(), ALL).items())
          .singleElement()
          .satisfies(
              g -> {
                assertThat(g.lastMessage()).isEqualTo(newest.message());
                assertThat(g.lastMessageAt()).isEqualTo(newest.createdAt());
              });
    }
  }

  @Test
  void aSenderWhoseClockIsBehindStillAppendsAfterTheLastMessage() {
    User a = user("a");
    User b = user("b");
    Instant t = Timestamps.truncate(Instant.now());
    Message first = send(a, b, "ahead", t);
    Message late = send(b, a, "behind", t.minus(Duration.ofMinutes(5)));

    assertThat(late.createdAt()).isEqualTo(first.createdAt().plusNanos(1_000));
    assertThat(reads.messages(first.conversationUuid(), ALL).items())
        .extracting(Message::message)
        .containsExactly("ahead", "behind");
    assertThat(reads.groups(a.uuid(), ALL).items())
        .singleElement()
        .satisfies(g -> assertThat(g.lastMessage()).isEqualTo("behind"));
  }

  @Test
  void aRetriedKeyStoresNothingNewAndAnswersTheFirstMessage() {
    User a = user("a");
    User b = user("b");
    Message first =
        service
            .send(Instant.now(), a, new NewMessage("once", b.handle()), Optional.of("key-000001"))
            .message();
    TableSnapshot before = TestDynamo.snapshot();
    MessageService.Sent again =
        service.send(
            Instant.now(), a, new NewMessage("once", b.handle()), Optional.of("key-000001"));
    assertThat(again.replayed()).isTrue();
    assertThat(again.message()).isEqualTo(first);
    assertThat(before.writesSince()).isEmpty();
  }
}
