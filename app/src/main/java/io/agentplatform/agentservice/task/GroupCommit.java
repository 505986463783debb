package io.agentplatform.agentservice.task;

import io.agentplatform.agentservice.web.ApiExceptionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Stores the tasks of concurrent requests in one INSERT, one transaction and one round trip (group
 * commit). Every caller still waits until the statement holding its task has committed, so a 201 is
 * only sent for a durable row. Whichever waiting request finds the writer free writes everything
 * queued (at most {@link #MAX_BATCH} rows) on its own thread; there is no background writer, so a task
 * is never held anywhere but by the request that waits for it. Alone, a request writes its own task at
 * once: nothing waits for a batch to fill (measured in docs/benchmarks.md).
 */
@Component
public class GroupCommit {

    /** 15 parameters a row: far below PostgreSQL's 65,535 per statement; two statement texts per size 1..64 (TaskRepository). */
    static final int MAX_BATCH = 64;
    /** A waiter looks again this often even without a wake-up; wake-ups are the rule, this is a safety net. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TaskRepository tasks;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    public GroupCommit(TaskRepository tasks) {
        this.tasks = tasks;
    }

    /** A queued task and, once its statement ran, whether it was inserted or why not. */
    private static final class Pending {
        final Task task;
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        boolean inserted;
        RuntimeException failure;

        Pending(Task task) {
            this.task = task;
        }

        void complete(boolean wasInserted, RuntimeException error) {
            inserted = wasInserted;
            failure = error;
            done = true; // volatile write after the plain ones: a reader that sees done sees them
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Inserts {@code task} unless one with the same client and Idempotency-Key exists; returns false
     * in that case. Returns only after the row committed; throws what the database threw.
     */
    public boolean insertIfAbsent(Task task) {
        Pending mine = new Pending(task);
        queue.add(mine);
        // An interrupt must not end the wait (the row may still commit) nor make parking spin; it is kept for later.
        boolean interrupted = false;
        while (!mine.done) {
            if (writer.tryLock()) {
                try {
                    if (!mine.done) {
                        write(drain());
                    }
                } finally {
                    writer.unlock();
                }
                handOver();
            } else {
                LockSupport.parkNanos(this, RECHECK_NANOS);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.inserted;
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /** Whoever queued first after this batch writes the next one; it may be parked and has to be woken. */
    private void handOver() {
        Pending head = queue.peek();
        if (head != null) {
            LockSupport.unpark(head.waiter);
        }
    }

    private void write(List<Pending> batch) {
        try {
            Set<UUID> inserted = tasks.insertIfAbsent(batch.stream().map(pending -> pending.task).toList());
            batch.forEach(pending -> pending.complete(inserted.contains(pending.task.id()), null));
        } catch (DataAccessException e) {
            if (batch.size() == 1 || ApiExceptionHandler.isUnavailable(e)) {
                batch.forEach(pending -> pending.complete(false, e));
            } else {
                // One row's error must not fail the others: each is written alone and gets its own answer.
                batch.forEach(this::writeAlone);
            }
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.complete(false, e));
        } finally {
            // An Error thrown above still answers every waiter of this batch instead of leaving it waiting forever.
            batch.stream().filter(pending -> !pending.done)
                    .forEach(pending -> pending.complete(false, new IllegalStateException("storing the task failed")));
        }
    }

    private void writeAlone(Pending pending) {
        try {
            pending.complete(tasks.insertIfAbsent(List.of(pending.task)).contains(pending.task.id()), null);
        } catch (RuntimeException e) {
            pending.complete(false, e);
        }
    }
}
