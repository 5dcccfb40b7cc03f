package io.rapidjava.rapid.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The invoke's two axes move forward only, along exactly these edges. */
class InvokeStagesTest {

    @Test
    void stagesGoForwardOnly() {
        assertEquals(EnumSet.of(InvokeStage.TAKEN), allowedFrom(InvokeStage.WAITING));
        assertEquals(EnumSet.of(InvokeStage.DELIVERED, InvokeStage.FINISHED), allowedFrom(InvokeStage.TAKEN));
        assertEquals(EnumSet.of(InvokeStage.FINISHED), allowedFrom(InvokeStage.DELIVERED));
        assertEquals(EnumSet.noneOf(InvokeStage.class), allowedFrom(InvokeStage.FINISHED));
    }

    @Test
    void answerIsDecidedOnce() {
        assertEquals(EnumSet.of(AnswerState.FLOWING, AnswerState.DONE), allowedFrom(AnswerState.PENDING));
        assertEquals(EnumSet.of(AnswerState.DONE), allowedFrom(AnswerState.FLOWING));
        assertEquals(EnumSet.noneOf(AnswerState.class), allowedFrom(AnswerState.DONE));
    }

    private static Set<InvokeStage> allowedFrom(InvokeStage from) {
        Set<InvokeStage> to = EnumSet.noneOf(InvokeStage.class);
        for (InvokeStage s : InvokeStage.values()) {
            if (from.allows(s)) {
                to.add(s);
            }
        }
        return to;
    }

    private static Set<AnswerState> allowedFrom(AnswerState from) {
        Set<AnswerState> to = EnumSet.noneOf(AnswerState.class);
        for (AnswerState s : AnswerState.values()) {
            if (from.allows(s)) {
                to.add(s);
            }
        }
        return to;
    }
}
