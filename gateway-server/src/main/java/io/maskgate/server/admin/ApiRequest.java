package io.maskgate.server.admin;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Objects;

/**
 * A request as handlers see it: decoded path parameters and a copy of the body (bounded by the
 * aggregator's limit), so nothing a handler holds depends on a Netty buffer's lifetime.
 * No {@code toString} override would be safe for the body, so the record's is replaced.
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams, HttpHeaders headers, byte[] body) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParams = Map.copyOf(pathParams);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    /** Method and path only: the body may hold phone numbers. */
    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + path + ", body=" + body.length + " bytes]";
    }
}
