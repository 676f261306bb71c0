package io.maskgate.smpp.server;

import io.maskgate.smpp.message.SubmitRequest;
import java.util.concurrent.CompletableFuture;

/**
 * What the server face does with an accepted submit_sm: the MT relay. Completes with the
 * message_id to give the ESME, or exceptionally with {@link SmppRefusalException} carrying the
 * command_status to answer; any other failure is answered ESME_RSYSERR.
 */
@FunctionalInterface
public interface SubmitSmHandler {
    CompletableFuture<String> submit(String systemId, SubmitRequest request);
}
