package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InOrderTest {

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    record Ran(int index, Thread thread) {}

    /**
     * The sandbox emits while it answers an invoke, from request handlers (each on a context of its own): that work
     * runs after the handler, on its loop, in the order it was handed over.
     */
    @Test
    void workHandedOverOnAnEventLoopRunsAfterTheCurrentTaskInOrder() throws Exception {
        InOrder inOrder = new InOrder();
        List<Ran> ran = new CopyOnWriteArrayList<>();
        List<String> early = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(300);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            int base = Integer.parseInt(request.getParam("base"));
            hand(inOrder, base, ran, all);
            if (ran.size() > base) {
                early.add("tasks from " + base + " ran inside the handler");
            }
            request.response().end();
        }).listen(0, "127.0.0.1").await();
        try {
            var client = vertx.createHttpClient();
            for (int base = 0; base < 200; base += 100) {
                client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/?base=" + base)
                        .compose(r -> r.send().compose(a -> a.body())).await();
            }
            Context other = vertx.getOrCreateContext();
            other.runOnContext(v -> {
                hand(inOrder, 200, ran, all);
                if (ran.size() > 200) {
                    early.add("tasks from 200 ran inside the context's task");
                }
            });
            assertTrue(all.await(10, TimeUnit.SECONDS), "ran " + ran.size() + " of 300");
        } finally {
            server.close().await();
        }
        assertEquals(List.of(), early);
        for (int i = 0; i < ran.size(); i++) {
            Ran r = ran.get(i);
            assertEquals(i, r.index(), "the order they were handed over in");
            assertTrue(r.thread().getName().startsWith("vert.x-eventloop-thread-"), "task " + i + " ran on " + r.thread());
        }
    }

    private static void hand(InOrder inOrder, int base, List<Ran> ran, CountDownLatch all) {
        for (int i = 0; i < 100; i++) {
            int index = base + i;
            inOrder.submit(() -> {
                ran.add(new Ran(index, Thread.currentThread()));
                all.countDown();
            });
        }
    }

    @Test
    void offAnEventLoopOrOnceStoppedWorkRunsAtOnceOnTheCallersThread() throws Exception {
        InOrder inOrder = new InOrder();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        inOrder.submit(() -> threads.add(Thread.currentThread()));
        assertEquals(List.of(Thread.currentThread()), threads);
        inOrder.stop();
        CountDownLatch checked = new CountDownLatch(1);
        vertx.getOrCreateContext().runOnContext(v -> {
            Thread loop = Thread.currentThread();
            inOrder.submit(() -> threads.add(Thread.currentThread()));
            if (threads.size() == 2 && threads.get(1) == loop) {
                checked.countDown();
            }
        });
        assertTrue(checked.await(10, TimeUnit.SECONDS), "ran on " + threads);
    }
}
