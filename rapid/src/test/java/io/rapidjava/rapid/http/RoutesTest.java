package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bug inside a handler is answered in Lambda's shape and reported once; unknown paths and methods as Go's. */
class RoutesTest {

    private Vertx vertx;
    private HttpServer server;
    private final CompletableFuture<Throwable> reported = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Routes.router(vertx, reported::complete);
        router.route(HttpMethod.GET, "/bug").handler(ctx -> {
            throw new IllegalStateException("half-changed");
        });
        router.route(HttpMethod.GET, "/ok").handler(ctx -> ctx.response().end("fine"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bugInAHandlerIs500InLambdasShapeAndReported() throws Exception {
        HttpResponse<String> r = get("/bug");
        assertEquals(500, r.statusCode());
        assertEquals("{\"errorMessage\":\"Internal Server Error\",\"errorType\":\"InternalServerError\"}\n", r.body());
        Throwable bug = reported.get(10, TimeUnit.SECONDS);
        assertTrue(bug instanceof IllegalStateException, bug::toString);
        assertEquals(200, get("/ok").statusCode(), "the server goes on serving");
    }

    @Test
    void unknownPathAndWrongMethodAnswerAsGo() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertEquals(404, missing.statusCode());
        assertEquals("404 page not found\n", missing.body());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/ok"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrong.statusCode());
        assertTrue(!reported.isDone(), "no bug reported for a client's mistake");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }
}
