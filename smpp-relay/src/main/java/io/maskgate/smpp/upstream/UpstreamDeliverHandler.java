package io.maskgate.smpp.upstream;

import io.maskgate.smpp.message.SubmitRequest;

/**
 * What the client face does with a deliver_sm from an upstream SMSC (an MO message or a delivery
 * receipt). Called on the upstream session's PDU worker thread; may block, but must return within
 * a bounded time: the deliver_sm_resp is sent with the returned command_status only then
 * (SMPP 3.4 section 4.6.2), so an SMSC retries what we did not acknowledge.
 */
@FunctionalInterface
public interface UpstreamDeliverHandler {
    /**
     * @param smscName the {@link UpstreamSmsc#name()} of the SMSC that sent it (any of its binds)
     * @param message the deliver_sm's fields as received
     * @return the command_status for deliver_sm_resp ({@code ESME_ROK} when the message was taken)
     */
    int onDeliver(String smscName, SubmitRequest message);
}
