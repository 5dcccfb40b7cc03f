package io.rapidjava.rapid.http;

import io.rapidjava.extensions.ApiError;
import io.rapidjava.extensions.ExtensionRequests;
import io.rapidjava.rapid.TelemetryFeed;
import io.rapidjava.rapid.sandbox.ExtensionCalls;
import io.rapidjava.rendering.ErrorBody;
import io.rapidjava.telemetry.Api;
import io.rapidjava.telemetry.Subscription;
import io.rapidjava.telemetry.SubscriptionRequests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The subscription APIs, {@code PUT /2022-07-01/telemetry} and {@code PUT /2020-08-15/logs}: a registered extension
 * subscribes during its init, validated as documented; the subscription goes to the sandbox's {@link TelemetryFeed}.
 * Success is {@code 200}, as in Lambda (extensions take a {@code 202} for "not supported here").
 */
public final class TelemetryApi {

    private static final long MAX_BODY = 1 << 20;
    private static final byte[] OK = "\"OK\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private TelemetryApi() {
    }

    public static void mount(Router router, ExtensionCalls calls, TelemetryFeed feed) {
        for (Api api : Api.values()) {
            router.route(HttpMethod.PUT, api.path()).handler(ctx -> {
                String id = ExtensionRequests.identifier(ctx);
                if (id != null) {
                    ExtensionRequests.body(ctx, MAX_BODY, body -> subscribe(ctx, api, id, body, calls, feed));
                }
            });
        }
    }

    private static void subscribe(RoutingContext ctx, Api api, String id, Buffer body, ExtensionCalls calls,
                                  TelemetryFeed feed) {
        ExtensionCalls.Subscriber who = calls.subscriber(id);
        if (who.refused() != null) {
            ExtensionRequests.refuse(ctx.response(), who.refused());
            return;
        }
        String prefix = api == Api.TELEMETRY ? "Telemetry" : "Logs";
        if (who.closed()) {
            ExtensionRequests.refuse(ctx.response(), ApiError.forbidden(prefix + ".SubscriptionClosed",
                    prefix + " API subscription is closed already"));
            return;
        }
        Subscription subscription;
        try {
            subscription = SubscriptionRequests.parse(api, body.getBytes());
        } catch (SubscriptionRequests.Invalid e) {
            invalid(ctx.response(), e.getMessage());
            return;
        }
        feed.subscribe(who.name(), subscription).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(OK));
            } else {
                invalid(ctx.response(), "Invalid destination: " + ar.cause().getMessage());
            }
        });
    }

    private static void invalid(HttpServerResponse r, String message) {
        if (!r.ended() && !r.closed()) {
            r.setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(new ErrorBody(message, "ValidationError").bytes()));
        }
    }
}
