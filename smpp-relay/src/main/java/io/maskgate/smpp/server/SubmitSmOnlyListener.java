package io.maskgate.smpp.server;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;

/**
 * A jsmpp server-side listener that takes submit_sm and nothing else: submit_multi, data_sm,
 * query_sm, replace_sm, cancel_sm and the broadcast operations are answered ESME_RINVCMDID
 * ("invalid command ID", SMPP 3.4 section 5.1.3), so the peer learns at once that the operation is
 * not offered here instead of waiting for a response that never comes.
 *
 * <p>The relay's server face needs this because each of those operations can carry a message or a
 * number past the masking decision, which is made for submit_sm only; the SMSC stand-ins of the
 * tests and benchmarks need it because they stand in for an SMSC that MaskGate only submits to.
 */
public abstract class SubmitSmOnlyListener implements ServerMessageReceiverListener {

    private static ProcessRequestException notOffered(String command) {
        return new ProcessRequestException(command + " is not offered here, only submit_sm",
                SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public final SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered("submit_multi");
    }

    @Override
    public final QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered("query_sm");
    }

    @Override
    public final void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw notOffered("replace_sm");
    }

    @Override
    public final void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw notOffered("cancel_sm");
    }

    @Override
    public final BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered("broadcast_sm");
    }

    @Override
    public final void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered("cancel_broadcast_sm");
    }

    @Override
    public final QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw notOffered("query_broadcast_sm");
    }

    @Override
    public final DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw notOffered("data_sm");
    }
}
