package io.maskgate.server.admin;

import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;
import java.util.Optional;

/**
 * A method + path template (e.g. {@code /v1/sessions/{id}}) with the role it needs (empty: no
 * authentication) and its handler. The template is also the {@code route} tag of the metrics.
 */
public record Route(HttpMethod method, String template, Optional<Role> role, ApiHandler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with /: " + template);
        }
    }

    public static Route authenticated(HttpMethod method, String template, Role role, ApiHandler handler) {
        return new Route(method, template, Optional.of(role), handler);
    }

    public static Route open(HttpMethod method, String template, ApiHandler handler) {
        return new Route(method, template, Optional.empty(), handler);
    }
}
