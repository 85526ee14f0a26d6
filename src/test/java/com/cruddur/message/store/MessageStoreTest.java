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
import com.cruddur.platform.AwsEndpoints;
import com.cruddur.platform.dynamo.Attributes;
import com.cruddur.platform.dynamo.Cursors;
import com.cruddur.platform.dynamo.InvalidCursorException;
import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.FaultyDynamo.Fault;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
   * Both participants send at once, many times, several threads each sending one after another:
   * every message lands, each thread's messages in the order it sent them, the stored order is the
   * order of the times the senders were answered, and both lists show the newest message on top.
   */
  @Test
  void concurrentSendsToOneConversationLoseNothingAndKeepTheNewestOnTop() throws Exception {
    User a = user("a");
    User b = user("b");
    int threads = 6;
    int sendsEach = 3;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Message>>> futures = new ArrayList<>();
    // Every send asks for the same instant, so each must be placed after the one that won.
    Instant at = Timestamps.truncate(Instant.now());
    for (int t = 0; t < threads; t++) {
      User from = t % 2 == 0 ? a : b;
      User to = t % 2 == 0 ? b : a;
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                List<Message> mine = new ArrayList<>();
                for (int k = 0; k < sendsEach; k++) {
                  mine.add(send(from, to, "thread " + thread + " send " + k, at));
                }
                return mine;
              }));
    }
    start.countDown();
    List<List<Message>> sentByThread = new ArrayList<>();
    try {
      for (Future<List<Message>> f : futures) {
        sentByThread.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      // Nothing of this test may still be writing when the next one looks at the table.
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    List<Message> stored = reads.messages(Conversations.uuid(a.uuid(), b.uuid()), ALL).items();
    List<Message> acknowledged = sentByThread.stream().flatMap(List::stream).toList();
    assertThat(stored).hasSize(threads * sendsEach);
    // What each sender was answered is what was stored, time included (a send moved after a
    // newer message answers its new time).
    assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
    List<UUID> storedOrder = stored.stream().map(Message::uuid).toList();
    for (List<Message> mine : sentByThread) {
      // A thread sends its next message only once the last one landed: it must come after it.
      List<Integer> positions = mine.stream().map(m -> storedOrder.indexOf(m.uuid())).toList();
      assertThat(positions).as("%s", mine).isSorted().doesNotHaveDuplicates();
      for (int k = 1; k < mine.size(); k++) {
        assertThat(mine.get(k).createdAt()).isAfter(mine.get(k - 1).createdAt());
      }
    }
    // The list is read in sort-key order; that is the order of the times answered, ties (a send
    // that landed at the same instant) broken by uuid, as the key writes them.
    assertThat(storedOrder)
        .containsExactlyElementsOf(
            acknowledged.stream()
                .sorted(
                    java.util.Comparator.comparing(Message::createdAt)
                        .thenComparing(m -> m.uuid().toString()))
                .map(Message::uuid)
                .toList());
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

  /** A send through the faulty stand-in in front of DynamoDB Local. */
  static MessageService throughFaultyDynamo(FaultyDynamo faulty) {
    DynamoDbClient client =
        AwsEndpoints.configure(DynamoDbClient.builder(), Optional.of(faulty.endpoint()))
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();
    return new MessageService(
        new DynamoMessageReads(client, env.tableName()),
        new DynamoMessageWrites(client, env.tableName()),
        new UserRepository(client, env.tableName()));
  }

  @Test
  void aTransactionConflictIsRetriedAndTheMessageLandsOnce() {
    FaultyDynamo faulty = FaultyDynamo.in(env.endpoint());
    MessageService faultyService = throughFaultyDynamo(faulty);
    User a = user("a");
    User b = user("b");
    faulty.arm(Fault.cancelled(1, "None", "TransactionConflict", "None"));
    faulty.calls(true);
    try {
      Message sent =
          faultyService
              .send(
                  Instant.now(),
                  a,
                  new NewMessage("after a conflict", b.handle()),
                  Optional.empty())
              .message();
      assertThat(faulty.calls(false)).filteredOn("TransactWriteItems"::equals).hasSize(2);
      assertThat(reads.messages(sent.conversationUuid(), ALL).items()).containsExactly(sent);
    } finally {
      faulty.clear();
    }
  }

  /**
   * A retried key whose claim and bump both fail (the first send landed, and a newer message
   * since): the claim decides, the first message is answered at once, nothing is written or
   * retried.
   */
  @Test
  void aFailedClaimWinsOverAFailedBump() {
    FaultyDynamo faulty = FaultyDynamo.in(env.endpoint());
    MessageService faultyService = throughFaultyDynamo(faulty);
    User a = user("a");
    User b = user("b");
    Message first =
        faultyService
            .send(Instant.now(), a, new NewMessage("keyed", b.handle()), Optional.of("key-000002"))
            .message();
    faulty.arm(
        Fault.cancelled(
            1,
            "None",
            "ConditionalCheckFailed",
            "ConditionalCheckFailed",
            "ConditionalCheckFailed"));
    faulty.calls(true);
    TableSnapshot before = TestDynamo.snapshot();
    try {
      MessageService.Sent again =
          faultyService.send(
              Instant.now(), a, new NewMessage("keyed", b.handle()), Optional.of("key-000002"));
      assertThat(again.replayed()).isTrue();
      assertThat(again.message()).isEqualTo(first);
      assertThat(faulty.calls(false)).filteredOn("TransactWriteItems"::equals).hasSize(1);
      assertThat(before.writesSince()).isEmpty();
    } finally {
      faulty.clear();
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
