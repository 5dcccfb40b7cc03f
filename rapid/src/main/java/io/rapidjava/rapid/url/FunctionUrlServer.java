package io.rapidjava.rapid.url;

import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.Limits;
import io.rapidjava.interop.TraceHeader;
import io.rapidjava.rapid.Config;
import io.rapidjava.extensions.Discard;
import io.rapidjava.rapid.http.PeerCapture;
import io.rapidjava.rapid.http.Servers;
import io.rapidjava.rapid.sandbox.Invocation;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.rapidjava.rendering.Bodies;
import io.rapidjava.rendering.ErrorBody;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The function's URL on {@link Config#functionUrlAddress()}: every HTTP request, whatever its method and path, is an
 * invoke whose event is the request in payload format 2.0, answered as Lambda's Function URLs answer (an auth type of
 * NONE: nothing is signed). A front-end as the invoke API is: the same options, connection limit and idle timeout.
 * Made only when its address is configured.
 */
public final class FunctionUrlServer {

    /** Lambda's request limit for a Function URL. */
    static final long MAX_BODY_BYTES = Limits.MAX_PAYLOAD_BYTES;

    private FunctionUrlServer() {
    }

    /** Listens; {@code sandbox} gives the bound sandbox, or null before a deferred init binds one. */
    public static Future<HttpServer> start(Vertx vertx, Context context, Config config, Supplier<Sandbox> sandbox) {
        String urlId = urlId(config.function().arn());
        long stallMillis = config.bodyTimeout().toMillis();
        return Servers.frontEnd(vertx, config, "function URL", config.functionUrlAddress(),
                req -> accept(vertx, context, req, sandbox.get(), urlId, stallMillis));
    }

    private static void accept(Vertx vertx, Context context, HttpServerRequest req, Sandbox sandbox, String urlId,
                               long stallMillis) {
        String id = UUID.randomUUID().toString();
        if (sandbox == null) {
            refuse(req, id, 409, "ResourceConflictException", "The function is not bound yet: the sandbox waits for "
                    + "its init (POST /init on the control API).");
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.trim().matches("[0-9]{1,18}") && Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
            refuse(req, id, 413, "RequestEntityTooLarge", Bodies.tooLarge(MAX_BODY_BYTES));
            return;
        }
        PeerCapture.Peer peer = PeerCapture.of(req);
        Buffer body = Buffer.buffer();
        long[] stall = {-1};
        Runnable armStall = () -> {
            if (stall[0] >= 0) {
                vertx.cancelTimer(stall[0]);
            }
            stall[0] = vertx.setTimer(stallMillis, t -> {
                refuse(req, id, 400, "InvalidRequestContentException", "No byte of the request body arrived for "
                        + stallMillis + " ms.");
                req.connection().close();
            });
        };
        armStall.run();
        req.handler(chunk -> {
            if (req.response().ended()) {
                return;
            }
            armStall.run();
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                vertx.cancelTimer(stall[0]);
                refuse(req, id, 413, "RequestEntityTooLarge", Bodies.tooLarge(MAX_BODY_BYTES));
                req.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            vertx.cancelTimer(stall[0]);
            refuse(req, id, 400, "InvalidRequestContentException", "The request body could not be read.");
        });
        req.endHandler(v -> {
            vertx.cancelTimer(stall[0]);
            if (req.response().ended() || req.response().closed()) {
                return;
            }
            String trace = req.getHeader("X-Amzn-Trace-Id");
            if (trace == null || trace.isEmpty()) {
                trace = TraceHeader.generate(System.currentTimeMillis() / 1000);
            }
            Buffer event = Buffer.buffer(FunctionUrlEvent.of(request(req, peer, body), id, urlId, trace,
                    Instant.now()));
            sandbox.invokes().submit(new Invocation(id, InvocationType.REQUEST_RESPONSE, false, trace, null, null),
                    new FunctionUrlInvoker(req, context, event, id));
        });
    }

    private static UrlRequest request(HttpServerRequest req, PeerCapture.Peer peer, Buffer body) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        List<Map.Entry<String, String>> headers = req.headers().entries();
        return new UrlRequest(req.method().name(), req.path(), rawQuery, "HTTP/1.1",
                peer == null ? "127.0.0.1" : peer.sourceIp(), peer == null ? 0 : peer.localPort(), headers,
                body.getBytes());
    }

    private static void refuse(HttpServerRequest req, String id, int status, String errorType, String message) {
        refuse(req, id, status, errorType, new ErrorBody(message, errorType).bytes());
    }

    private static void refuse(HttpServerRequest req, String id, int status, String errorType, byte[] body) {
        if (req.response().ended() || req.response().closed()) {
            return;
        }
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("X-Amzn-ErrorType", errorType).putHeader("X-Amzn-RequestId", id)
                .putHeader("Content-Length", Integer.toString(body.length)).end(Buffer.buffer(body));
        Discard.rest(req);
    }

    /** A URL id as Lambda's look (32 lower-case characters), the same for the same function. */
    static String urlId(String functionArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(functionArn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
