#!/usr/bin/env bash
# The relay past its capacity (BENCHMARKS.md, "Stop 18"). Starts a SipBenchServer from JAR with
# README's GC flags and `--backlog BACKLOG` (sip.overload as HOLD,SHED[,AFTER_MS]; 0,0 = neither),
# warms it up (300 CPS x 6,000, 1,000 CPS x 8,000), then runs STEPS steps of CALLS calls at RATE
# calls/s (run-step.sh, sipp to sipp through the relay), 4 s apart. After each step it prints the
# step's line, the relay's CPU per call (/proc: all, and user only) and the fullest its UDP receive
# queue got (bytes, queue-sampler.py); at the end, the relay's shed, held, sent-again and dropped
# counts. 127.0.0.1 only; every sipp is bounded by -m and -timeout.
# Usage: overload.sh JAR RATE CALLS STEPS BACKLOG [OUTDIR]
set -euo pipefail
JAR=$1 RATE=$2 CALLS=$3 STEPS=$4 BACKLOG=$5 OUT=${6:-/tmp/overload}
HERE=$(cd "$(dirname "$0")" && pwd)
RELAY_PORT=${RELAY_PORT:-5570}
UAS_PORT=${UAS_PORT:-5580}
rm -rf "$OUT"; mkdir -p "$OUT"; mkfifo "$OUT/ctl"
sleep $(( 120 + STEPS * (CALLS / RATE + 90) )) > "$OUT/ctl" &
HOLD=$!
java -Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -Xmn64m -XX:MaxTenuringThreshold=1 -cp "$JAR" \
    io.maskgate.bench.sip.SipBenchServer --port "$RELAY_PORT" --trunk-port "$UAS_PORT" --sessions 2000 \
    --csv "$OUT/calls.csv" --backlog "$BACKLOG" < "$OUT/ctl" > "$OUT/server.out" 2>&1 &
RELAY=$!
python3 "$HERE/queue-sampler.py" "$RELAY_PORT" "$OUT/queue.txt" &
SAMPLER=$!
trap 'echo quit > "$OUT/ctl" 2>/dev/null; sleep 1; kill $RELAY $HOLD $SAMPLER 2>/dev/null || true' EXIT
for _ in $(seq 90); do grep -q READY "$OUT/server.out" && break; sleep 1; done
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
