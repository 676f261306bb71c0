package io.maskgate.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a handler answers: status, extra headers, body and its content type. */
public record ApiResponse(HttpResponseStatus status, Map<String, String> headers, String contentType, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String APPLICATION_JSON = "application/json";

    public ApiResponse {
        Objects.requireNonNull(status, "status");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static ApiResponse json(HttpResponseStatus status, JsonNode node) {
        try {
            return new ApiResponse(status, Map.of(), APPLICATION_JSON, JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** {@code {"error": code}} or {@code {"error": code, "message": message}}. */
    public static ApiResponse error(HttpResponseStatus status, String code, String message) {
        var node = JSON.createObjectNode().put("error", code);
        if (!message.isEmpty()) {
            node.put("message", message);
        }
        return json(status, node);
    }

    public static ApiResponse error(HttpResponseStatus status, String code) {
        return error(status, code, "");
    }

    public static ApiResponse text(HttpResponseStatus status, String contentType, String body) {
        return new ApiResponse(status, Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse empty(HttpResponseStatus status) {
        return new ApiResponse(status, Map.of(), APPLICATION_JSON, new byte[0]);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, contentType, body);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status.code() + ", body=" + body.length + " bytes]";
    }
}
