package io.maskgate.server.admin;

import io.maskgate.server.admin.AdminMetrics.AuthFailure;
import io.maskgate.server.admin.RouteTable.Match;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: routes each aggregated request, authenticates it, runs its handler and
 * writes the answer when the handler's future completes. Responses are written in request order
 * (HTTP/1.1 pipelining, RFC 9112 section 9.3.2) by chaining each one after the previous.
 * Never logs a body, a header value or a path (paths hold session ids, which are fine, but
 * keeping the rule simple keeps it kept).
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    private final RouteTable routes;
    private final Authenticator authenticator;
    private final AdminMetrics metrics;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    AdminHttpHandler(RouteTable routes, Authenticator authenticator, AdminMetrics metrics) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, AdminMetrics.UNMATCHED_ROUTE, CompletableFuture.completedFuture(
                    ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request")), false, start);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        Match match = routes.match(request.method(), path);
        if (match instanceof Match.Found found) {
            ApiRequest apiRequest = new ApiRequest(request.method(), path, found.params(), request.headers().copy(),
                    ByteBufUtil.getBytes(request.content()), firstValues(uri), Optional.empty());
            write(ctx, found.route().template(), dispatch(found.route(), apiRequest), keepAlive, start);
        } else if (match instanceof Match.MethodNotAllowed notAllowed) {
            String allow = notAllowed.allowed().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
            write(ctx, notAllowed.template(), CompletableFuture.completedFuture(
                    ApiResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed")
                            .withHeader(HttpHeaderNames.ALLOW.toString(), allow)), keepAlive, start);
        } else {
            write(ctx, AdminMetrics.UNMATCHED_ROUTE, CompletableFuture.completedFuture(
                    ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found")), keepAlive, start);
        }
    }

    private static java.util.Map<String, String> firstValues(QueryStringDecoder uri) {
        java.util.Map<String, String> first = new java.util.HashMap<>();
        uri.parameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }

    private CompletableFuture<ApiResponse> dispatch(Route route, ApiRequest given) {
        ApiRequest request = given;
        if (route.role().isPresent()) {
            Authenticator.Result who = authenticator.authenticate(
                    Optional.ofNullable(given.headers().get(HttpHeaderNames.AUTHORIZATION)));
            Optional<ApiResponse> refusal = authorise(route, who);
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(refusal.get());
            }
            Authenticator.Result.Known known = (Authenticator.Result.Known) who;
            request = given.withCaller(new ApiRequest.Caller(known.name(), known.role()));
        }
        try {
            return route.handler().handle(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Optional<ApiResponse> authorise(Route route, Authenticator.Result result) {
        if (result instanceof Authenticator.Result.Known known) {
            if (route.allows(known.role())) {
                return Optional.empty();
            }
            metrics.authFailure(AuthFailure.FORBIDDEN);
            log.info("admin token '{}' (role {}) refused on {} {}", known.name(), known.role().confName(),
                    route.method(), route.template());
            return Optional.of(ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                    "this token's role may not call this route"));
        }
        boolean missing = result instanceof Authenticator.Result.Missing;
        metrics.authFailure(missing ? AuthFailure.MISSING : AuthFailure.UNKNOWN);
        // RFC 6750 section 3: no error code when the request carried no credentials.
        String challenge = missing ? "Bearer realm=\"maskgate\"" : "Bearer realm=\"maskgate\", error=\"invalid_token\"";
        return Optional.of(ApiResponse.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized")
                .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), challenge));
    }

    private void write(ChannelHandlerContext ctx, String route, CompletableFuture<ApiResponse> response,
            boolean keepAlive, long start) {
        CompletableFuture<ApiResponse> safe = response.exceptionally(this::internalError);
        previous = previous.thenCombine(safe, (ignored, r) -> r)
                .thenAccept(r -> send(ctx, route, r, keepAlive, start))
                .exceptionally(t -> {
                    log.error("cannot write an admin API response; closing the connection", t);
                    ctx.close();
                    return null;
                });
    }

    private ApiResponse internalError(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        log.error("admin API handler failed", cause);
        return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error");
    }

    private void send(ChannelHandlerContext ctx, String route, ApiResponse r, boolean keepAlive, long start) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach((name, value) -> response.headers().set(name, value));
        if (r.body().length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (r.status().code() != HttpResponseStatus.NO_CONTENT.code()) {
            // RFC 9110 section 8.6: no Content-Length on a 204.
            HttpUtil.setContentLength(response, r.body().length);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        metrics.request(route, r.status().code(), Duration.ofNanos(System.nanoTime() - start));
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Peers resetting connections is routine; anything else is worth a line, without payloads.
        log.debug("admin connection error: {}", cause.getClass().getSimpleName());
        ctx.close();
    }
}
