package io.maskgate.server.admin;

import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A method + path template (e.g. {@code /v1/sessions/{id}}) with the role it needs (empty: no
 * authentication) and its handler. The template is also the {@code route} tag of the metrics.
 */
public record Route(HttpMethod method, String template, Optional<Role> role, ApiHandler handler, Set<Role> alsoAllowed) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(handler, "handler");
        alsoAllowed = Set.copyOf(alsoAllowed);
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with /: " + template);
        }
    }

    public Route(HttpMethod method, String template, Optional<Role> role, ApiHandler handler) {
        this(method, template, role, handler, Set.of());
    }

    /** True when a token of {@code r} may call this route (the handler may still refuse, e.g. without a reason). */
    public boolean allows(Role r) {
        return role.map(r::equals).orElse(true) || alsoAllowed.contains(r);
    }

    /** A route its own role may call, and {@code others} too (the handler tells them apart by the caller). */
    public static Route shared(HttpMethod method, String template, Role role, Set<Role> others, ApiHandler handler) {
        return new Route(method, template, Optional.of(role), handler, others);
    }

    public static Route authenticated(HttpMethod method, String template, Role role, ApiHandler handler) {
        return new Route(method, template, Optional.of(role), handler);
    }

    public static Route open(HttpMethod method, String template, ApiHandler handler) {
        return new Route(method, template, Optional.empty(), handler);
    }
}
