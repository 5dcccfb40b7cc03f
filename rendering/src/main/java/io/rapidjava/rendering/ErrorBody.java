package io.rapidjava.rendering;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code {"errorMessage":...,"errorType":...}}: every error the daemon itself writes has this shape. */
@JsonPropertyOrder({"errorMessage", "errorType"})
public record ErrorBody(String errorMessage, String errorType) {

    public byte[] bytes() {
        return Json.body(this);
    }
}
