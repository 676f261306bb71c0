package io.maskgate.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code logging.format: json}: one JSON object per line, for log shippers. Fields: {@code time}
 * (ISO-8601 UTC), {@code level}, {@code logger}, {@code thread}, {@code message}, and when present
 * {@code mdc} (an object) and {@code exception} (the stack trace as one string). Every text field
 * is redacted ({@link RedactedEvent}); a multi-line message stays on one line, escaped.
 */
public final class JsonLogEncoder extends LineEncoder {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public byte[] encode(ILoggingEvent event) {
        RedactedEvent e = RedactedEvent.of(event);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", e.time().toString());
            json.writeStringField("level", e.level());
            json.writeStringField("logger", e.logger());
            json.writeStringField("thread", e.thread());
            json.writeStringField("message", e.message());
            if (!e.mdc().isEmpty()) {
                json.writeObjectFieldStart("mdc");
                for (Map.Entry<String, String> entry : e.mdc().entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            if (e.stackTrace().isPresent()) {
                json.writeStringField("exception", e.stackTrace().get());
            }
            json.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot encode a log event", ex); // a ByteArrayOutputStream does not fail
        }
        out.write('\n');
        return out.toByteArray();
    }
}
