package io.maskgate.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final ApiHandler NOOP = r -> CompletableFuture.completedFuture(null);

    private final RouteTable table = new RouteTable(List.of(
            Route.authenticated(HttpMethod.POST, "/v1/sessions", Role.PROVISIONING, NOOP),
            Route.authenticated(HttpMethod.GET, "/v1/sessions/{id}", Role.PROVISIONING, NOOP),
            Route.authenticated(HttpMethod.DELETE, "/v1/sessions/{id}", Role.PROVISIONING, NOOP),
            Route.open(HttpMethod.GET, "/health/live", NOOP)));

    @Test
    void bindsTemplateParameters() {
        RouteTable.Match.Found m = assertInstanceOf(RouteTable.Match.Found.class,
                table.match(HttpMethod.GET, "/v1/sessions/abc-1"));
        assertEquals("/v1/sessions/{id}", m.route().template());
        assertEquals(Map.of("id", "abc-1"), m.params());
    }

    @Test
    void otherMethodOnAKnownPathIsNotAllowed() {
        RouteTable.Match.MethodNotAllowed m = assertInstanceOf(RouteTable.Match.MethodNotAllowed.class,
                table.match(HttpMethod.PUT, "/v1/sessions/abc"));
        assertEquals(Set.of(HttpMethod.GET, HttpMethod.DELETE), m.allowed());
    }

    @Test
    void emptySegmentsAndExtraSegmentsDoNotMatch() {
        assertInstanceOf(RouteTable.Match.NotFound.class, table.match(HttpMethod.GET, "/v1/sessions/"));
        assertInstanceOf(RouteTable.Match.NotFound.class, table.match(HttpMethod.GET, "/v1/sessions/a/b"));
        assertInstanceOf(RouteTable.Match.NotFound.class, table.match(HttpMethod.GET, "/health/live/"));
    }

    @Test
    void aRouteCannotBeDefinedTwice() {
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(
                Route.open(HttpMethod.GET, "/x", NOOP), Route.open(HttpMethod.GET, "/x", NOOP))));
    }
}
