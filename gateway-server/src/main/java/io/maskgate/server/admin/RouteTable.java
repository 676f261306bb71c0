package io.maskgate.server.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes by path template, then by method: a map, so adding an endpoint is adding a row.
 * Template segments in braces ({@code {id}}) match any one non-empty segment.
 */
public final class RouteTable {

    /** The outcome of a lookup. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {
        }

        /** The path exists with other methods: 405 with {@code Allow}. */
        record MethodNotAllowed(String template, Set<HttpMethod> allowed) implements Match {
        }

        record NotFound() implements Match {
        }
    }

    private final Map<String, Map<HttpMethod, Route>> byTemplate = new LinkedHashMap<>();

    public RouteTable(List<Route> routes) {
        for (Route r : routes) {
            Map<HttpMethod, Route> methods = byTemplate.computeIfAbsent(r.template(), t -> new LinkedHashMap<>());
            if (methods.putIfAbsent(r.method(), r) != null) {
                throw new IllegalArgumentException("route defined twice: " + r.method() + " " + r.template());
            }
        }
    }

    public Match match(HttpMethod method, String path) {
        for (Map.Entry<String, Map<HttpMethod, Route>> e : byTemplate.entrySet()) {
            Optional<Map<String, String>> params = bind(e.getKey(), path);
            if (params.isPresent()) {
                Route route = e.getValue().get(method);
                if (route == null) {
                    return new Match.MethodNotAllowed(e.getKey(), Set.copyOf(e.getValue().keySet()));
                }
                return new Match.Found(route, params.get());
            }
        }
        return new Match.NotFound();
    }

    private static Optional<Map<String, String>> bind(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
