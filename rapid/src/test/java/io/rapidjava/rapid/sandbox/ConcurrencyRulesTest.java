package io.rapidjava.rapid.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.extensions.ApiError;
import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.ExtensionRegistry;
import io.rapidjava.rapid.ConfigParser;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The concurrent mode's rules, one by one: which answer the runtime may post for an invoke, the timed-out ids a late
 * answer is told 410 for, the idle workers' queue, what extensions may subscribe to, and the runtime's environment.
 */
class ConcurrencyRulesTest {

    @Test
    void theFirstOfAResponseAndAnErrorWins() {
        assertNull(ResponseState.refusal(null, false));
        assertNull(ResponseState.refusal(null, true));
        assertEquals("Runtime.InvokeResponseInProgress", ResponseState.refusal(ResponseState.RESPONDING, false));
        assertEquals("Runtime.InvokeResponseInProgress", ResponseState.refusal(ResponseState.RESPONDING, true));
        assertEquals("Runtime.InvokeResponseInProgress", ResponseState.refusal(ResponseState.ERRORING, false));
        assertEquals("Runtime.ErrorResponseInProgress", ResponseState.refusal(ResponseState.ERRORING, true));
        assertEquals("Runtime.InvokeResponseWasSent", ResponseState.refusal(ResponseState.SENT, false));
        assertEquals("Runtime.InvokeResponseWasSent", ResponseState.refusal(ResponseState.SENT, true));
    }

    @Test
    void aTimedOutIdIsToldOnceAndTheOldestGoFirst() {
        TimedOutIds ids = new TimedOutIds(3);
        ids.add("a");
        assertTrue(ids.contains("a"));
        assertTrue(ids.consume("a"));
        assertFalse(ids.consume("a"), "told once");
        for (String id : new String[] {"b", "c", "d", "e"}) {
            ids.add(id);
        }
        assertEquals(3, ids.size());
        assertFalse(ids.consume("b"), "the oldest was dropped");
        assertTrue(ids.consume("c") && ids.consume("d") && ids.consume("e"));
        assertFalse(ids.consume("never-timed-out"));
    }

    @Test
    void idleWorkersAreTakenOldestFirstSkippingThoseGone() {
        Workers workers = new Workers(3);
        Call a = new Call();
        Call b = new Call();
        Call c = new Call();
        assertTrue(workers.park(a) && workers.park(b) && workers.park(c));
        assertFalse(workers.park(new Call()), "bounded");
        assertEquals(3, workers.idle());
        a.closed = true;
        assertSame(b, workers.take(), "a went away while it waited");
        workers.remove(c);
        assertNull(workers.take());
        Call d = new Call();
        workers.park(d);
        workers.resetAll();
        assertTrue(d.reset, "the runtime sees its parked call reset");
        assertEquals(0, workers.idle());
    }

    @Test
    void externalExtensionsMaySubscribeToShutdownAloneInternalOnesToNothing() {
        ExtensionRegistry registry = new ExtensionRegistry();
        registry.launched("agent");
        ApiError invoke = ManagedExtensions.refusal(registry, "agent", EnumSet.of(EventType.INVOKE, EventType.SHUTDOWN));
        assertEquals(403, invoke.status());
        assertEquals("{\"errorMessage\":\"INVOKE: ErrorInvalidEventType\",\"errorType\":\"Extension.InvalidEventType\"}\n",
                new String(invoke.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertNull(ManagedExtensions.refusal(registry, "agent", EnumSet.of(EventType.SHUTDOWN)));
        assertNull(ManagedExtensions.refusal(registry, "agent", Set.of()));
        ApiError internal = ManagedExtensions.refusal(registry, "in-process", EnumSet.of(EventType.SHUTDOWN));
        assertTrue(new String(internal.body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("No events allowed for internal extensions"));
        assertNull(ManagedExtensions.refusal(registry, "in-process", Set.of()));
    }

    @Test
    void onlyTheRuntimeIsToldTheWorkerCount() throws Exception {
        var concurrent = new ConfigParser(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "4", "PATH", "/bin"), Path.of("/"))
                .parse(new String[] {"/bin/app"});
        Map<String, String> runtime = RuntimeEnvironment.of(concurrent, "127.0.0.1:9001");
        assertEquals("4", runtime.get("AWS_LAMBDA_MAX_CONCURRENCY"));
        assertEquals("lambda-managed-instances", runtime.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
        Map<String, String> extension = RuntimeEnvironment.forExtensions(concurrent, "127.0.0.1:9001");
        assertFalse(extension.containsKey("AWS_LAMBDA_MAX_CONCURRENCY"));
        assertEquals("lambda-managed-instances", extension.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
        // set but empty the variable selects no mode, and is not passed on: a runtime would start its workers
        var plain = new ConfigParser(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", ""), Path.of("/"))
                .parse(new String[] {"/bin/app"});
        assertFalse(RuntimeEnvironment.of(plain, "127.0.0.1:9001").containsKey("AWS_LAMBDA_MAX_CONCURRENCY"));
        assertEquals("on-demand", RuntimeEnvironment.of(plain, "127.0.0.1:9001").get("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    /** A parked {@code next} that records what happens to it. */
    private static final class Call implements NextCall {
        boolean closed;
        boolean reset;

        @Override
        public void deliver(Delivery delivery) {
        }

        @Override
        public void refuse(RuntimeReply reply) {
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public void reset() {
            reset = true;
        }

        @Override
        public void onClosed(Runnable then) {
        }

        @Override
        public NextCall exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            return Future.succeededFuture();
        }

        @Override
        public NextCall setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public NextCall drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
