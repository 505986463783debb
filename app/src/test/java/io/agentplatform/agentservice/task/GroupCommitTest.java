package io.agentplatform.agentservice.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.RunningService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/**
 * The tasks of concurrent requests are stored in one statement, with the same answers as alone.
 * A transaction holding a lock on the table keeps the first writer waiting while the others queue up
 * behind it, so the queued tasks meet in one batch; rows of one statement share one transaction id (xmin).
 */
class GroupCommitTest {

    private static RunningService service;
    private static GroupCommit inserts;
    private static final ExecutorService requests = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0"));
        inserts = service.context().getBean(GroupCommit.class);
    }

    @AfterAll
    static void stop() {
        requests.shutdownNow();
        service.close();
    }

    @Test
    void tasksQueuedBehindABusyWriterAreStoredInOneStatementAndOnlyTheFirstOfTwoWithOneKeyIsInserted() throws Exception {
        String client = "group-" + UUID.randomUUID();
        List<Task> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(task(client, null));
        }
        queued.add(task(client, "same-key"));
        queued.add(task(client, "same-key"));

        List<CompletableFuture<Boolean>> answers = insertBehindALock(task(client, null), queued);

        List<Boolean> inserted = answers.stream().map(CompletableFuture::join).toList();
        assertThat(inserted.subList(0, 10)).containsOnly(true);
        assertThat(inserted.subList(10, 12)).as("one of the two tasks with the same key").containsExactlyInAnyOrder(true, false);
        assertThat(service.countRows("client_id = '" + client + "'")).isEqualTo(1 + 11);
        assertThat(distinctTransactions(queued.stream().map(Task::id).toList()))
                .as("the queued tasks were committed by one statement").isEqualTo(1);
    }

    @Test
    void aRowTheDatabaseRefusesFailsOnlyItsOwnRequestNotTheOthersOfItsBatch() throws Exception {
        String client = "group-" + UUID.randomUUID();
        Task existing = task(client, null);
        assertThat(inserts.insertIfAbsent(existing)).isTrue();
        Task sameId = new Task(existing.id(), client, null, existing.requestHash(), existing.status(), "another prompt",
                "{}", "answer", null, "offline", false, existing.createdAt(), existing.completedAt(), 0, 1);
        List<Task> queued = new ArrayList<>(List.of(task(client, null), sameId, task(client, null), task(client, null)));

        List<CompletableFuture<Boolean>> answers = insertBehindALock(task(client, null), queued);

        assertThat(answers.get(1)).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause().isInstanceOf(DuplicateKeyException.class);
        assertThat(List.of(answers.get(0).join(), answers.get(2).join(), answers.get(3).join())).containsOnly(true);
        assertThat(service.countRows("client_id = '" + client + "'")).isEqualTo(1 + 1 + 3);
    }

    /**
     * Starts {@code first}'s insert while another transaction locks the table, queues {@code queued}
     * behind it, then lets the lock go; returns the answers to {@code queued}.
     */
    private static List<CompletableFuture<Boolean>> insertBehindALock(Task first, List<Task> queued) throws Exception {
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        try (Connection lock = EmbeddedServers.get().connect(service.database())) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE tasks IN EXCLUSIVE MODE");
            }
            CompletableFuture<Boolean> leader = CompletableFuture.supplyAsync(() -> inserts.insertIfAbsent(first), requests);
            await().atMost(Duration.ofSeconds(30)).until(GroupCommitTest::anInsertWaitsForTheLock);
            List<Thread> waiters = new ArrayList<>();
            for (Task task : queued) {
                CompletableFuture<Boolean> answer = new CompletableFuture<>();
                Thread waiter = new Thread(() -> {
                    try {
                        answer.complete(inserts.insertIfAbsent(task));
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                });
                waiter.start();
                waiters.add(waiter);
                answers.add(answer);
            }
            // Parked means queued: a request only parks after putting its task in the queue.
            await().atMost(Duration.ofSeconds(30)).until(() -> waiters.stream()
                    .allMatch(waiter -> waiter.getState() == Thread.State.TIMED_WAITING));
            lock.rollback();
            assertThat(leader.get(30, TimeUnit.SECONDS)).isTrue();
        }
        return answers;
    }

    private static boolean anInsertWaitsForTheLock() throws Exception {
        try (Connection connection = EmbeddedServers.get().connect(service.database());
             Statement statement = connection.createStatement();
             ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO tasks%'")) {
            waiting.next();
            return waiting.getLong(1) > 0;
        }
    }

    private static long distinctTransactions(List<UUID> ids) throws Exception {
        try (Connection connection = EmbeddedServers.get().connect(service.database());
             var statement = connection.prepareStatement("SELECT count(DISTINCT xmin::text) FROM tasks WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Task task(String client, String idempotencyKey) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Task(UUID.randomUUID(), client, idempotencyKey, "0".repeat(64), Task.Status.SUCCEEDED, "a prompt",
                "{\"source\":\"test\"}", "an answer", null, "offline", false, now, now, 0, 1);
    }
}
