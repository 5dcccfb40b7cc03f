package io.rapidjava.extensions;

import io.rapidjava.rendering.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.UUID;

/**
 * The Extensions API, {@code /2020-01-01}: parses and validates requests, answers malformed ones with the
 * documented 403s, and hands well-formed ones to the sandbox.
 */
public final class ExtensionsApi {

    public static final String NAME = "Lambda-Extension-Name";
    public static final String IDENTIFIER = "Lambda-Extension-Identifier";
    public static final String ACCEPT_FEATURE = "Lambda-Extension-Accept-Feature";
    public static final String ERROR_TYPE = "Lambda-Extension-Function-Error-Type";

    private static final String BASE = "/2020-01-01";
    private static final long MAX_REGISTER_BODY = 1 << 20;

    private ExtensionsApi() {
    }

    /** Adds the routes to a router; with extensions disabled every path under the base is a bare 404, as in Lambda. */
    public static void mount(Router router, ExtensionsHost host, boolean enabled) {
        if (!enabled) {
            router.route(BASE + "/*").handler(ctx -> ctx.response().setStatusCode(404).end());
            return;
        }
        router.route(HttpMethod.POST, BASE + "/extension/register")
                .handler(ctx -> ExtensionRequests.body(ctx, MAX_REGISTER_BODY, body -> register(ctx, host, body)));
        router.route(HttpMethod.GET, BASE + "/extension/event/next").handler(ctx -> {
            String id = ExtensionRequests.identifier(ctx);
            if (id != null) {
                ApiError refused = host.next(id, new Sink(ctx.response()));
                if (refused != null) {
                    ExtensionRequests.refuse(ctx.response(), refused);
                }
            }
        });
        router.route(HttpMethod.POST, BASE + "/extension/init/error").handler(ctx -> {
            String id = ExtensionRequests.identifier(ctx);
            String type = id == null ? null : errorType(ctx);
            if (type != null) {
                accepted(ctx.response(), host.initError(id, type));
            }
        });
        router.route(HttpMethod.POST, BASE + "/extension/exit/error").handler(ctx -> {
            String id = ExtensionRequests.identifier(ctx);
            String type = id == null ? null : errorType(ctx);
            if (type != null) {
                accepted(ctx.response(), host.exitError(id, type));
            }
        });
    }

    private static void register(RoutingContext ctx, ExtensionsHost host, Buffer body) {
        String name = ctx.request().getHeader(NAME);
        if (name == null || name.isEmpty()) {
            ExtensionRequests.refuse(ctx.response(), ApiError.forbidden("Extension.InvalidExtensionName", "Empty extension name"));
            return;
        }
        RegisterRequest request = RegisterRequest.parse(body);
        if (request.refused() != null) {
            ExtensionRequests.refuse(ctx.response(), request.refused());
            return;
        }
        String features = ctx.request().getHeader(ACCEPT_FEATURE);
        boolean accountId = features != null
                && Arrays.stream(features.split(",")).map(String::trim).anyMatch("accountId"::equals);
        ExtensionsHost.Registered r = host.register(name, request.events(), accountId);
        if (r.error() != null) {
            ExtensionRequests.refuse(ctx.response(), r.error());
            return;
        }
        ctx.response().setStatusCode(200).putHeader(IDENTIFIER, r.identifier())
                .putHeader("Content-Type", "application/json").end(Buffer.buffer(r.body()));
    }

    private static String errorType(RoutingContext ctx) {
        String type = ctx.request().getHeader(ERROR_TYPE);
        if (type == null || type.isEmpty()) {
            ExtensionRequests.refuse(ctx.response(), ApiError.forbidden("Extension.MissingHeader",
                    "Lambda-Extension-Function-Error-Type not found"));
            return null;
        }
        return type;
    }

    private static void accepted(HttpServerResponse response, ApiError refused) {
        if (refused != null) {
            ExtensionRequests.refuse(response, refused);
        } else {
            response.setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(Bodies.ACCEPTED));
        }
    }


    /** A parked {@code event/next}, answered with the event when it comes. */
    private record Sink(HttpServerResponse response) implements EventSink {
        @Override
        public void send(byte[] event) {
            response.setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString())
                    .end(Buffer.buffer(event));
        }

        @Override
        public boolean closed() {
            return response.ended() || response.closed();
        }

        @Override
        public void reset() {
            response.reset();
        }
    }
}
