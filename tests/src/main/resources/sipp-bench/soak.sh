#!/usr/bin/env bash
# Does the relay slow down or grow as it runs? (BENCHMARKS.md, "Stop 17"). Starts a SipBenchServer
# from JAR with README's GC flags, warms it up (300 CPS x 6,000, 1,000 CPS x 8,000), then runs STEPS
# steps of CALLS calls at RATE calls/s (run-step.sh, sipp to sipp through the relay), 5 s apart.
# After each step it prints the step's line, the relay's CPU per call (/proc), its heap after a full
# GC (SipBenchServer "heap") and jain-sip's parser debug counter ("parser-depth"). 127.0.0.1 only;
# every sipp is bounded by -m and -timeout. Not part of the test suite: 6 steps of 90,000 at
# 1,500 CPS take ~8 minutes.
# Usage: soak.sh JAR [RATE] [CALLS] [STEPS] [OUTDIR]
set -euo pipefail
JAR=$1 RATE=${2:-1500} CALLS=${3:-90000} STEPS=${4:-6} OUT=${5:-/tmp/soak}
HERE=$(cd "$(dirname "$0")" && pwd)
RELAY_PORT=${RELAY_PORT:-5570}
UAS_PORT=${UAS_PORT:-5580}
source "$HERE/bench-relay.sh"
start_bench_relay $(( 120 + STEPS * (CALLS / RATE + 40) ))
step() { UAS_PORT=$UAS_PORT RELAY_PORT=$RELAY_PORT "$HERE/run-step.sh" relay "$1" "$2" 1000 "$OUT/$3" "$OUT/calls.csv" | tail -1; }
step 300 6000 warm-1 > /dev/null
step 1000 8000 warm-2 > /dev/null
for i in $(seq "$STEPS"); do
    sleep 5
    before=$(awk '{print $14+$15}' "/proc/$RELAY/stat")
    line=$(step "$RATE" "$CALLS" "step-$i")
    after=$(awk '{print $14+$15}' "/proc/$RELAY/stat")
    echo heap > "$OUT/ctl"; echo parser-depth > "$OUT/ctl"; sleep 3
    echo "step $i: $line"
    echo "  relay_us_per_call=$(( (after - before) * 10000 / CALLS )) $(grep '^heap' "$OUT/server.out" | tail -1)" \
        "$(grep '^parser_depth' "$OUT/server.out" | tail -1)"
done
