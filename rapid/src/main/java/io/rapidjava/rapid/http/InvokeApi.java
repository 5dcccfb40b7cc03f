package io.rapidjava.rapid.http;

import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.Limits;
import io.rapidjava.interop.TraceHeader;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.rapid.sandbox.Answer;
import io.rapidjava.rapid.sandbox.Invocation;
import io.rapidjava.rapid.sandbox.Invoker;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.rapidjava.rendering.Bodies;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The invoke front-end: Lambda's {@code Invoke} call, and {@code InvokeWithResponseStream}, whose answer is an event
 * stream; both for any function name Lambda would take (see {@link FunctionName}).
 */
public final class InvokeApi {

    /** How a front-end's call is answered: which invocation types it takes, and its invoker. */
    private record Front(String typeSet, Set<InvocationType> types, Function<HttpServerRequest, Invoker> invoker) {
    }

    private static final Front INVOKE = new Front("[Event, RequestResponse, DryRun]",
            EnumSet.allOf(InvocationType.class), HttpInvoker::new);
    private static final Front STREAM = new Front("[RequestResponse, DryRun]",
            EnumSet.of(InvocationType.REQUEST_RESPONSE, InvocationType.DRY_RUN), EventStreamInvoker::new);

    static final String INVOKE_PREFIX = "/2015-03-31/functions/";
    static final String INVOKE_SUFFIX = "/invocations";
    static final String STREAM_PREFIX = "/2021-11-15/functions/";
    static final String STREAM_SUFFIX = "/response-streaming-invocations";

    private InvokeApi() {
    }

    /**
     * {@code sandbox} gives the bound sandbox, or null before a deferred init binds one. The plain form of an invoke
     * (a function name of plain characters, no query) skips the router, which routing would cost every invoke; the
     * router, which answers every other form, reaches the same handler with the same name.
     */
    public static Handler<HttpServerRequest> routes(Vertx vertx, Supplier<Sandbox> sandbox, String version) {
        // a failed front-end call has no invoke of its own yet: its 500 is the whole of it
        Router router = Routes.router(vertx, bug -> { });
        router.route(INVOKE_PREFIX + ":name" + INVOKE_SUFFIX).handler(named(handler(sandbox, version, INVOKE)));
        router.post(STREAM_PREFIX + ":name" + STREAM_SUFFIX)
                .handler(named(handler(sandbox, version, STREAM)));
        return req -> {
            String name = plainInvokeName(req.uri());
            if (name == null) {
                router.handle(req);
                return;
            }
            try {
                if (!refusedName(req, name, null)) {
                    invoke(req, sandbox, version, INVOKE);
                }
            } catch (RuntimeException e) {
                Routes.failed(req, e, bug -> { });
            }
        };
    }

    /** The name of an invoke whose URI is exactly {@code INVOKE_PREFIX name INVOKE_SUFFIX} in plain characters. */
    static String plainInvokeName(String uri) {
        int end = uri.length() - INVOKE_SUFFIX.length();
        if (end <= INVOKE_PREFIX.length() || !uri.startsWith(INVOKE_PREFIX) || !uri.endsWith(INVOKE_SUFFIX)) {
            return null;
        }
        for (int i = INVOKE_PREFIX.length(); i < end; i++) {
            char c = uri.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == ':')) {
                return null;
            }
        }
        return uri.substring(INVOKE_PREFIX.length(), end);
    }

    /**
     * The front-end's handler, also the control API's {@code POST /invoke}. Before a function is bound, Lambda's
     * answer to an invoke of a function still being created: {@code 409 ResourceConflictException}.
     */
    public static Handler<RoutingContext> handler(Supplier<Sandbox> sandbox, String version) {
        return handler(sandbox, version, INVOKE);
    }

    private static Handler<RoutingContext> handler(Supplier<Sandbox> sandbox, String version, Front front) {
        return ctx -> invoke(ctx.request(), sandbox, version, front);
    }

    private static void invoke(HttpServerRequest req, Supplier<Sandbox> sandbox, String version, Front front) {
        Sandbox bound = sandbox.get();
        if (bound == null) {
            InvokerAnswers.refuse(req, UUID.randomUUID().toString(), version, 409,
                    "ResourceConflictException", "The operation cannot be performed at this time. The function "
                            + "is not bound yet: the sandbox waits for its init (POST /init on the control API).");
            return;
        }
        accept(req, bound, bound.executedVersion(), front);
    }

    /** Refuses a function name (or {@code Qualifier}) Lambda would refuse, before anything else is looked at. */
    private static Handler<RoutingContext> named(Handler<RoutingContext> next) {
        return ctx -> {
            if (!refusedName(ctx.request(), ctx.pathParam("name"), ctx.queryParams().get("Qualifier"))) {
                next.handle(ctx);
            }
        };
    }

    /** Answers {@code 400} to a name (or qualifier) Lambda would refuse; false when it takes them. */
    private static boolean refusedName(HttpServerRequest req, String name, String qualifier) {
        try {
            FunctionName.parse(name, qualifier);
            return false;
        } catch (FunctionName.Invalid e) {
            InvokerAnswers.refuse(req, UUID.randomUUID().toString(), null, 400, e.errorType(), e.getMessage());
            return true;
        }
    }

    private static void accept(HttpServerRequest req, Sandbox sandbox, String version, Front front) {
        req.pause();
        String id = UUID.randomUUID().toString();
        String typeHeader = req.getHeader("X-Amz-Invocation-Type");
        Optional<InvocationType> type = InvocationType.parse(typeHeader).filter(front.types()::contains);
        if (type.isEmpty()) {
            InvokerAnswers.refuse(req, id, version, 400, "InvalidParameterValueException", "1 validation error "
                    + "detected: Value '" + typeHeader + "' at 'invocationType' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: " + front.typeSet());
            return;
        }
        String clientContext = null;
        String encoded = req.getHeader("X-Amz-Client-Context");
        if (encoded != null && !encoded.isEmpty()) {
            clientContext = ClientContext.decode(encoded);
            if (clientContext == null) {
                InvokerAnswers.refuse(req, id, version, 400, "InvalidRequestContentException",
                        "Client context must be a valid Base64-encoded JSON object.");
                return;
            }
        }
        long limit = type.get() == InvocationType.EVENT ? Limits.MAX_ASYNC_PAYLOAD_BYTES : Limits.MAX_PAYLOAD_BYTES;
        String length = req.getHeader("Content-Length");
        if (length != null && parseLong(length) > limit) {
            InvokerAnswers.refuse(req, id, version, 413, "RequestEntityTooLarge", Bodies.tooLarge(limit));
            return;
        }
        if (type.get() == InvocationType.DRY_RUN) {
            InvokerAnswers.send(req, new Answer(id, version, InvokeResult.Outcome.ACCEPTED, 204, null, null, List.of(),
                    null));
            return;
        }
        String trace = req.getHeader("X-Amzn-Trace-Id");
        if (trace == null || trace.isEmpty()) {
            trace = TraceHeader.generate(System.currentTimeMillis() / 1000);
        }
        boolean tail = "Tail".equals(req.getHeader("X-Amz-Log-Type"));
        sandbox.invokes().submit(new Invocation(id, type.get(), tail, trace, clientContext, null),
                front.invoker().apply(req));
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The client context as the runtime gets it in {@code Lambda-Runtime-Client-Context}. */
    static final class ClientContext {

        private ClientContext() {
        }

        /**
         * The decoded bytes, each as one header character, so they reach the runtime unchanged (UTF-8 included);
         * CR and LF become spaces as Go's net/http writes them (pretty-printed JSON stays valid JSON). Null when the
         * value is not base64 or holds a control character no JSON text can contain.
         */
        static String decode(String encoded) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(encoded.trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
            char[] chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                if (b == '\r' || b == '\n') {
                    b = ' ';
                } else if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    return null;
                }
                chars[i] = (char) b;
            }
            return new String(chars);
        }
    }
}
