#!/usr/bin/env bash
# The step ramp of BENCHMARKS.md (SIP relay): for each rate, REPEATS times, a direct step (sipp uac ->
# sipp uas) then a relay step (sipp uac -> SipBenchServer -> sipp uas), alternating so both see the
# same machine load. Each step makes RATE*STEP_S calls held HOLD_MS. Before each relay step, waits
# (bounded) until the relay holds no call, so a step never inherits the previous one's stragglers.
# A warm-up relay step (WARM_RATE x WARM_CALLS, default 300 x 6,000, not reported) runs first: a cold
# JVM's first seconds at 1,000 CPS are interpreted code, and the calls its peers give up on then stay
# in the dialog table until a backstop ends them.
# Usage: ramp.sh OUTDIR CSV CTL LOG "500 1000 2000 3000 4000" [REPEATS] [STEP_S] [HOLD_MS]
set -uo pipefail
OUT=$1 CSV=$2 CTL=$3 LOG=$4 RATES=$5 REPEATS=${6:-2} STEP_S=${7:-8} HOLD_MS=${8:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
drain() {
    for _ in $(seq 60); do
        echo calls > "$CTL"; sleep 1
        [ "$(grep '^calls=' "$LOG" | tail -1)" = "calls=0" ] && return 0
    done
    echo "relay still holds calls after 60 s: $(grep '^calls=' "$LOG" | tail -1)"
}
"$HERE/run-step.sh" relay "${WARM_RATE:-300}" "${WARM_CALLS:-6000}" "$HOLD_MS" "$OUT/warm-up" "$CSV" >/dev/null
sleep 2
drain
for rate in $RATES; do
    for rep in $(seq "$REPEATS"); do
        "$HERE/run-step.sh" direct "$rate" $(( rate * STEP_S )) "$HOLD_MS" "$OUT/direct-$rate-$rep" "$CSV"
        sleep 2
        drain
        "$HERE/run-step.sh" relay "$rate" $(( rate * STEP_S )) "$HOLD_MS" "$OUT/relay-$rate-$rep" "$CSV"
        sleep 2
    done
done
