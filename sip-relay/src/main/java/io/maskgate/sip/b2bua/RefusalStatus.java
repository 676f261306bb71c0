package io.maskgate.sip.b2bua;

import io.maskgate.core.routing.RefusalReason;

/** DESIGN.md section 6: the one SIP status for each refusal reason. */
final class RefusalStatus {

    private RefusalStatus() {
    }

    static int of(RefusalReason reason) {
        return switch (reason) {
            case NO_SESSION -> 404;
            case INVALID_NUMBER -> 484;
            case CONSENT_DENIED, MODE_NOT_ALLOWED -> 403;
            case STORE_UNAVAILABLE, CONSENT_UNAVAILABLE -> 503;
        };
    }
}
