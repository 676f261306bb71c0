#!/usr/bin/env bash
# One step of the SIP relay benchmark (BENCHMARKS.md): a sipp uas on 127.0.0.1:$UAS_PORT and a sipp
# uac calling at RATE calls/s, CALLS calls, each held HOLD_MS, either straight to the uas (direct)
# or through a SipBenchServer already listening on 127.0.0.1:$RELAY_PORT (relay).
# Every sipp is bounded by -m and -timeout and waited for. Prints one result line:
#   mode rate calls ok failed failed% retrans(uac+uas) setup_median_ms setup_p99_ms load1
# UAC_SCENARIO names another caller scenario of this folder and UAC_ARGS adds sipp options to it
# (uac-bench-auth.xml with "-au USER -ap PASSWORD" for a relay that challenges); UAS_SCENARIO names
# another callee scenario (uas-bench-auth.xml: a trunk that challenges every INVITE).
# Usage: run-step.sh direct|relay RATE CALLS HOLD_MS OUTDIR CSV
set -euo pipefail
MODE=$1 RATE=$2 CALLS=$3 HOLD_MS=$4 OUT=$5 CSV=$6
HERE=$(cd "$(dirname "$0")" && pwd)
UAS_PORT=${UAS_PORT:-5080}
RELAY_PORT=${RELAY_PORT:-5070}
LIMIT=${LIMIT:-$(( RATE * (HOLD_MS / 1000 + 3) ))}
TIMEOUT=$(( CALLS / RATE + HOLD_MS / 1000 + 30 ))
COMMON=(-i 127.0.0.1 -buff_size 4194304 -nostdin -timeout "${TIMEOUT}s" -timeout_error -trace_stat -fd 1 -trace_err -max_recv_loops 10000 -max_sched_loops 10000)
mkdir -p "$OUT/uas" "$OUT/uac"
# the uas may also see strays (a late BYE retransmission of an earlier step creates a call in sipp),
# so it is bounded by 2*CALLS and -timeout, and stopped 3 s after the uac ended (its -fd 1 stats are then final)
( cd "$OUT/uas" && exec sipp -sf "$HERE/${UAS_SCENARIO:-uas-bench.xml}" -p "$UAS_PORT" -m $(( 2 * CALLS )) "${COMMON[@]}" >sipp.out 2>&1 ) &
UAS=$!
for _ in $(seq 50); do ss -uln | grep -q "127.0.0.1:$UAS_PORT " && break; sleep 0.1; done
TARGET=$([ "$MODE" = relay ] && echo "$RELAY_PORT" || echo "$UAS_PORT")
( cd "$OUT/uac" && exec sipp -sf "$HERE/${UAC_SCENARIO:-uac-bench.xml}" ${UAC_ARGS:-} -inf "$CSV" -p 0 -r "$RATE" -m "$CALLS" -l "$LIMIT" -d "$HOLD_MS" \
    -trace_rtt -rtt_freq 1 "${COMMON[@]}" "127.0.0.1:$TARGET" >sipp.out 2>&1 ) || true
LOAD=$(cut -d' ' -f1 /proc/loadavg)
sleep 3
kill "$UAS" 2>/dev/null || true
# sipp may linger after SIGTERM, waiting for calls that will never end (one did for 8 minutes
# after a collapsed step); its -fd 1 statistics are already written, so give it 5 s and no more
for _ in $(seq 50); do kill -0 "$UAS" 2>/dev/null || break; sleep 0.1; done
kill -9 "$UAS" 2>/dev/null || true
wait "$UAS" || true
python3 "$HERE/step-summary.py" "$MODE" "$RATE" "$CALLS" "$OUT" "$LOAD"
