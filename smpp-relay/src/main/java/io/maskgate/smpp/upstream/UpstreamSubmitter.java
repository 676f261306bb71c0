package io.maskgate.smpp.upstream;

import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.SubmitResult;
import java.util.concurrent.CompletableFuture;

/** Sends a submit_sm upstream; fails with an {@link UpstreamException}. {@link UpstreamClient} is the real one. */
@FunctionalInterface
public interface UpstreamSubmitter {
    CompletableFuture<SubmitResult> submit(SubmitRequest request);
}
