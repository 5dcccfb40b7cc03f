package io.rapidjava.tests.ric.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For the concurrent mode: {@code {"name":…,"batch":B,"together":N}} waits (at most 20 s) until N invokes of batch
 * B have arrived, none leaving before: {@code met} says whether they all were in the handler at once (invokes run
 * one after the other leave the first waiting in vain). {@code {"name":…,"sleepMs":M}} sleeps. Either answers its
 * name, its request id and the thread it ran on.
 */
public class ConcurrentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Map<Object, AtomicInteger> ARRIVED = new ConcurrentHashMap<>();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", event.get("name"));
        out.put("awsRequestId", context.getAwsRequestId());
        out.put("thread", Thread.currentThread().getName());
        try {
            if (event.get("together") instanceof Number together) {
                AtomicInteger arrived = ARRIVED.computeIfAbsent(event.get("batch"), b -> new AtomicInteger());
                arrived.incrementAndGet();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (arrived.get() < together.intValue() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                out.put("met", arrived.get() >= together.intValue());
            }
            if (event.get("sleepMs") instanceof Number ms) {
                Thread.sleep(ms.longValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
