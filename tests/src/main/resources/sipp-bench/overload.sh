#!/usr/bin/env bash
# The relay past its capacity (BENCHMARKS.md, "Stop 18"). Starts a SipBenchServer from JAR with
# README's GC flags and `--backlog BACKLOG` (sip.overload as HOLD,SHED[,AFTER_MS]; 0,0 = neither),
# warms it up (300 CPS x 6,000, 1,000 CPS x 8,000), then runs STEPS steps of CALLS calls at RATE
# calls/s (run-step.sh, sipp to sipp through the relay), 4 s apart. After each step it prints the
# step's line, the relay's CPU per call (/proc: all, and user only) and the fullest its UDP receive
# queue got (bytes, queue-sampler.py); at the end, the relay's shed, held, sent-again and dropped
# counts. 127.0.0.1 only; every sipp is bounded by -m and -timeout.
# RELAY_OPTS adds SipBenchServer options (e.g. "--digest-auth USER:PASSWORD", "--trunk-account
# USER:PASSWORD"); UAC_SCENARIO, UAC_ARGS and UAS_SCENARIO reach run-step.sh.
# Usage: overload.sh JAR RATE CALLS STEPS BACKLOG [OUTDIR]
set -euo pipefail
JAR=$1 RATE=$2 CALLS=$3 STEPS=$4 BACKLOG=$5 OUT=${6:-/tmp/overload}
HERE=$(cd "$(dirname "$0")" && pwd)
RELAY_PORT=${RELAY_PORT:-5570}
UAS_PORT=${UAS_PORT:-5580}
source "$HERE/bench-relay.sh"
start_bench_relay $(( 120 + STEPS * (CALLS / RATE + 90) )) --backlog "$BACKLOG" ${RELAY_OPTS:-}
python3 "$HERE/queue-sampler.py" "$RELAY_PORT" "$OUT/queue.txt" &
EXTRA_PIDS=$!
step() { UAS_PORT=$UAS_PORT RELAY_PORT=$RELAY_PORT "$HERE/run-step.sh" relay "$1" "$2" 1000 "$OUT/$3" "$OUT/calls.csv" | tail -1; }
cpu() { awk "{print \$$1}" "/proc/$RELAY/stat"; }
step 300 6000 warm-1 > /dev/null
step 1000 8000 warm-2 > /dev/null
for i in $(seq "$STEPS"); do
    sleep 4
    start=$(date +%s.%N) user0=$(cpu 14) sys0=$(cpu 15)
    line=$(step "$RATE" "$CALLS" "step-$i")
    end=$(date +%s.%N) user1=$(cpu 14) sys1=$(cpu 15)
    deepest=$(awk -v s="$start" -v e="$end" '$1 >= s && $1 <= e { for (i = 2; i <= NF; i++) if ($i > m) m = $i } END { print m + 0 }' "$OUT/queue.txt")
    echo "step $i: $line relay_us=$(( (user1 + sys1 - user0 - sys0) * 10000 / CALLS )) user_us=$(( (user1 - user0) * 10000 / CALLS )) deepest_queue=$deepest"
done
echo metrics > "$OUT/ctl"; sleep 1
grep -E 'reason=backlog|retransmissions_held|retransmissions_total.*direction=out|udp_receive_drops' "$OUT/server.out" | tail -4
