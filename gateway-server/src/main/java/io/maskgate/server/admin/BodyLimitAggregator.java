package io.maskgate.server.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;

/**
 * {@link HttpObjectAggregator} whose 413 is the API's JSON error and is counted like any answer.
 * The limit is checked on {@code Content-Length} before any body byte is buffered; the rest of
 * the body is discarded by the aggregator. The connection stays open when the client can go on
 * (keep-alive and the body not yet read), as Netty's own handling does.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final AdminMetrics metrics;

    BodyLimitAggregator(int maxBodyBytes, AdminMetrics metrics) {
        super(maxBodyBytes);
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        ApiResponse error = ApiResponse.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                "the request body exceeds " + maxContentLength() + " bytes");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(),
                Unpooled.wrappedBuffer(error.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
        HttpUtil.setContentLength(response, error.body().length);
        // Once body bytes have been aggregated, or the client will not read on, the stream cannot be resynchronised.
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        HttpUtil.setKeepAlive(response, !close);
        metrics.request(AdminMetrics.UNMATCHED_ROUTE, error.status().code(), Duration.ZERO);
        var written = ctx.writeAndFlush(response);
        written.addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
