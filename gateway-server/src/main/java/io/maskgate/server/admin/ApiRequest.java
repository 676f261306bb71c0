package io.maskgate.server.admin;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import io.maskgate.server.config.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as handlers see it: decoded path parameters and a copy of the body (bounded by the
 * aggregator's limit), so nothing a handler holds depends on a Netty buffer's lifetime.
 * No {@code toString} override would be safe for the body, so the record's is replaced.
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams, HttpHeaders headers, byte[] body,
                         Map<String, String> query, Optional<Caller> caller) {

    /** Who called: the admin token's name and role, when the route is authenticated. */
    public record Caller(String name, Role role) {
        public Caller {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParams = Map.copyOf(pathParams);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        query = Map.copyOf(query);
        Objects.requireNonNull(caller, "caller");
    }

    /** Without query parameters or caller (tests, open routes). */
    public ApiRequest(HttpMethod method, String path, Map<String, String> pathParams, HttpHeaders headers, byte[] body) {
        this(method, path, pathParams, headers, body, Map.of(), Optional.empty());
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The same request as seen by an authenticated handler. */
    ApiRequest withCaller(Caller who) {
        return new ApiRequest(method, path, pathParams, headers, body, query, Optional.of(who));
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
