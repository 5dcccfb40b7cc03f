package io.rapidjava.tests.fuzz;

/** One HTTP answer the daemon wrote: its status, its header block and the start of its body. */
record Answer(int status, String head, String bodyStart) {

    boolean serverError() {
        return status >= 500;
    }

    @Override
    public String toString() {
        return head.replace("\r\n", "\\r\\n ") + (bodyStart.isEmpty() ? "" : "body: " + Bytes.render(bodyStart));
    }
}
