package io.rapidjava.rapid.sandbox;

import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.LogLevel;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;
import io.rapidjava.rendering.Bodies;

/**
 * How invokes arrive: taken into the intake or refused at once (429, shutting down), and what becomes of one whose
 * event is read, or could not be. Event-loop confined.
 */
final class Arrivals {

    private final Sandbox sandbox;
    private final Invokes invokes;

    Arrivals(Sandbox sandbox, Invokes invokes) {
        this.sandbox = sandbox;
        this.invokes = invokes;
    }

    /**
     * Accepts an invoke from a front-end: it waits in the intake while its event is read, or is refused with 429
     * when the intake is full (in count, or for an {@code Event} invoke in bytes).
     */
    void submit(Invocation what, Invoker invoker) {
        Invoke inv = new Invoke(what, sandbox.function.version(), invoker);
        SandboxState state = sandbox.state;
        if (state == SandboxState.SHUTTING_DOWN) {
            rejectShuttingDown(inv);
            return;
        }
        if (!invokes.canTake() && invokes.intake.full()) {
            tooManyRequests(inv, invokes.intake.size() + " invokes are already waiting for this function");
            return;
        }
        if (inv.type == InvocationType.EVENT && !invokes.intake.fits(inv.event.declared())) {
            tooManyRequests(inv, "the events already waiting hold " + invokes.intake.heldBytes() + " bytes");
            return;
        }
        if (Log.enabled(LogLevel.DEBUG)) {
            Log.debug("Invoke " + inv.id + " queued (" + (invokes.intake.size() + 1) + " waiting)");
        }
        inv.onGone = inv.type == InvocationType.EVENT ? null : () -> {
            if (invokes.intake.remove(inv)) {
                Log.debug("Invoke " + inv.id + " dropped: the invoker went away while it waited");
                invokes.pump();
            }
        };
        invokes.intake.add(inv);
        invokes.pump();
    }

    private void tooManyRequests(Invoke inv, String why) {
        Log.debug("Invoke " + inv.id + " refused: " + why);
        sandbox.counters.refused++;
        inv.refuse(429, "TooManyRequestsException", "Rate Exceeded: " + why);
    }

    void rejectShuttingDown(Invoke inv) {
        inv.refuse(400, "Client.ExecutionEnvironmentShutDown", "The execution environment is shutting down");
        sandbox.cancel(inv.timer);
    }

    void eventRead(Invoke inv) {
        if (inv.type == InvocationType.EVENT) {
            inv.accepted();
        }
        invokes.pump();
    }

    /**
     * An event that could not be read fails its invoke alone: a waiting one leaves the intake; a running one (its
     * event was streamed into the runtime) ends with an error, and the runtime, whose {@code next} answer was cut,
     * waits for the next invoke: it is not reset.
     */
    void eventFailed(Invoke inv, Event.Failure why) {
        String invalid = "InvalidRequestContentException";
        switch (why) {
            case TOO_LARGE -> inv.refuse(413, "RequestEntityTooLarge", Bodies.tooLarge(inv.type == InvocationType.EVENT
                    ? Limits.MAX_ASYNC_PAYLOAD_BYTES : Limits.MAX_PAYLOAD_BYTES));
            case NO_ROOM -> inv.refuse(429, "TooManyRequestsException",
                    "Rate Exceeded: the events already waiting hold " + invokes.intake.heldBytes() + " bytes");
            case STALLED -> inv.refuse(400, invalid, "No byte of the request body arrived for "
                    + sandbox.config.bodyTimeout().toMillis() + " ms.");
            case BROKEN -> inv.refuse(400, invalid, "The request body could not be read.");
            case GONE -> {
                // nobody left to answer
            }
        }
        if (why == Event.Failure.STALLED || why == Event.Failure.BROKEN) {
            inv.invoker.drop();
        }
        Log.debug("Invoke " + inv.id + " failed: its event " + switch (why) {
            case TOO_LARGE -> "is too large";
            case NO_ROOM -> "did not fit in the queue";
            case STALLED -> "stalled";
            case BROKEN -> "was malformed";
            case GONE -> "was cut off: the invoker went away";
        });
        inv.answerGivenUp();
        if (invokes.intake.remove(inv)) {
            invokes.pump();
            return;
        }
        if (!invokes.inFlight(inv) || inv.finished()) {
            return;
        }
        Generation g = sandbox.gen;
        if (g != null && !g.ended && g.machine.state() == RuntimeState.Running) {
            g.machine.apply(RuntimeCall.WITHDRAW);
        }
        invokes.finish(inv, "error", invalid);
    }
}
