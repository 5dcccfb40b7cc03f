package io.rapidjava.rapid.sandbox;

/**
 * The concurrent mode's side of an answer: the invoke's own {@link ResponseState}, as many invokes are answered at
 * once. An answer that ends after its invoke timed out is told {@code 410}: the runtime goes on running.
 */
record RoutedSide(Generation g, Invoke inv, TimedOutIds timedOut) implements AnswerSide {

    @Override
    public boolean gone() {
        return inv.finished() || g.ended;
    }

    @Override
    public boolean responding() {
        return inv.responseState == ResponseState.RESPONDING;
    }

    @Override
    public void sent() {
        inv.responseState = ResponseState.SENT;
    }

    @Override
    public void late(RuntimePost post) {
        if (!post.answered()) {
            post.reply(timedOut.consume(inv.id) ? RuntimeReply.INVOKE_TIMEOUT : RuntimeReply.INVALID_REQUEST_ID);
        }
    }
}
