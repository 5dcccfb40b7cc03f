package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** {@code {"errorMessage":...,"errorType":...}}: every error the daemon itself writes has this shape. */
public record ErrorBody(String errorMessage, String errorType) implements Json.Writable {

    public byte[] bytes() {
        return Json.body(this);
    }

    @Override
    public void writeTo(JsonGenerator g) throws IOException {
        g.writeStartObject();
        Json.field(g, "errorMessage", errorMessage);
        Json.field(g, "errorType", errorType);
        g.writeEndObject();
    }
}
