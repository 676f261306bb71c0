#!/usr/bin/env bash
# Heap per established call (BENCHMARKS.md): CALLS calls through the relay at RATE calls/s, each
# held HOLD_MS, so that all CALLS are established at once for a while. Prints the relay's heap
# after a full GC before the calls and while all are up; the relay's stdin is the fifo CTL and its
# stdout the file LOG (SipBenchServer's "heap" command). Every sipp is bounded by -m and -timeout.
# Usage: heap-run.sh RATE CALLS HOLD_MS OUTDIR CSV CTL LOG
set -euo pipefail
RATE=$1 CALLS=$2 HOLD_MS=$3 OUT=$4 CSV=$5 CTL=$6 LOG=$7
HERE=$(cd "$(dirname "$0")" && pwd)
UAS_PORT=${UAS_PORT:-5080}
RELAY_PORT=${RELAY_PORT:-5070}
RAMP_S=$(( CALLS / RATE ))
TIMEOUT=$(( RAMP_S + HOLD_MS / 1000 + 60 ))
COMMON=(-i 127.0.0.1 -buff_size 4194304 -nostdin -timeout "${TIMEOUT}s" -timeout_error -trace_stat -fd 5 -trace_err)
heap() { echo heap > "$CTL"; sleep 3; grep '^heap' "$LOG" | tail -1; }
mkdir -p "$OUT/uas" "$OUT/uac"
# transactions of earlier calls (a warm-up) live up to 64*T1 = 32 s after their last message
sleep 40
echo "before: $(heap)"
( cd "$OUT/uas" && exec sipp -sf "$HERE/uas-bench.xml" -p "$UAS_PORT" -m "$CALLS" "${COMMON[@]}" >sipp.out 2>&1 ) &
UAS=$!
sleep 1
( cd "$OUT/uac" && exec sipp -sf "$HERE/uac-bench.xml" -inf "$CSV" -p 0 -r "$RATE" -m "$CALLS" -l "$CALLS" -d "$HOLD_MS" \
    "${COMMON[@]}" "127.0.0.1:$RELAY_PORT" >sipp.out 2>&1 ) &
UAC=$!
# past 64*T1 (32 s) after the last INVITE, so no INVITE transaction of the ramp is still in its
# RFC 6026 Accepted state: what is left is what an established call costs
sleep $(( RAMP_S + 40 ))
echo "during (1): $(heap)"
sleep 10
echo "during (2): $(heap)"
wait "$UAC" || true
wait "$UAS" || true
echo "after: $(heap)"
