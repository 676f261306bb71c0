#!/usr/bin/env bash
# Issue #3's reference on this machine (BENCHMARKS.md, "Stop 19"): the same sipp steps as
# overload.sh, through Kamailio 5.6 (kamailio-reference.cfg: tm + dialog + one Redis GET per INVITE)
# instead of MaskGate. Starts its own redis-server (no persistence, files in OUTDIR) holding a key
# per proxy number of the call list, and Kamailio with CHILDREN UDP workers and TLSF memory (its
# default q_malloc more than doubled its CPU per call here). After a 300 CPS warm-up, runs STEPS
# steps of CALLS calls at RATE, 4 s apart; after each it prints run-step.sh's line, Kamailio's CPU
# per call (all its processes, /proc) and how many calls sipp aborted for a 180 that arrived after
# its 200: Kamailio's workers take the callee's 180 and 200 in parallel and may forward them out of
# order, which the benchmark's uac counts as a failed call (MaskGate handles a call's messages on one
# loop, so it does not reorder them). 127.0.0.1 only; every sipp is bounded by -m and -timeout.
# Needs: apt-get install kamailio kamailio-redis-modules redis-server sip-tester
# Usage: kamailio-reference.sh RATE CALLS STEPS [CHILDREN] [OUTDIR]
set -euo pipefail
RATE=$1 CALLS=$2 STEPS=$3 CHILDREN=${4:-4} OUT=${5:-/tmp/kamailio-reference}
HERE=$(cd "$(dirname "$0")" && pwd)
RELAY_PORT=${RELAY_PORT:-5570}
UAS_PORT=${UAS_PORT:-5580}
REDIS_PORT=${REDIS_PORT:-16399}
rm -rf "$OUT"; mkdir -p "$OUT"
{ echo SEQUENTIAL; for i in $(seq 0 1999); do printf '+91%010d;+91%010d\n' $(( 8000000000 + i )) $(( 9800000000 + i )); done; } > "$OUT/calls.csv"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT" --logfile "$OUT/redis.log" &
REDIS=$!
stop() {
    kill $REDIS ${KAMAILIO:-} 2>/dev/null || true
    # Kamailio's workers outlive the main process by a moment: the next run needs the port free
    for _ in $(seq 50); do pgrep -f "$OUT/kamailio.cfg" >/dev/null || break; sleep 0.1; done
}
trap stop EXIT
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
tail -n +2 "$OUT/calls.csv" | cut -d';' -f1 | awk '{print "SET mg:" $1 " session-" NR}' | redis-cli -p "$REDIS_PORT" >/dev/null
sed "s/@RELAY_PORT@/$RELAY_PORT/g; s/@UAS_PORT@/$UAS_PORT/g; s/@REDIS_PORT@/$REDIS_PORT/g; s/@CHILDREN@/$CHILDREN/g" \
    "$HERE/kamailio-reference.cfg" > "$OUT/kamailio.cfg"
kamailio -f "$OUT/kamailio.cfg" -P "$OUT/kamailio.pid" -Y "$OUT" -E -DD -m 1024 -M 32 -x tlsf -X tlsf > "$OUT/kamailio.log" 2>&1 &
KAMAILIO=$!
for _ in $(seq 50); do ss -uln | grep -q "127.0.0.1:$RELAY_PORT " && break; sleep 0.1; done
cpu() { local sum=0; for p in $(pgrep -f "$OUT/kamailio.cfg"); do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo $sum; }
step() { UAS_PORT=$UAS_PORT RELAY_PORT=$RELAY_PORT "$HERE/run-step.sh" relay "$1" "$2" 1000 "$OUT/$3" "$OUT/calls.csv" | tail -1; }
step 300 6000 warm-1 > /dev/null
for i in $(seq "$STEPS"); do
    sleep 4
    before=$(cpu)
    line=$(step "$RATE" "$CALLS" "step-$i")
    after=$(cpu)
    reordered=$(cat "$OUT/step-$i"/uac/*errors.log 2>/dev/null | grep -c "while pausing (index 5), received 'SIP/2.0 180" || true)
    echo "step $i: $line kamailio_us=$(( (after - before) * 10000 / CALLS )) reordered_180=$reordered"
done
