#!/usr/bin/env bash
# Relay CPU per retransmitted INVITE (BENCHMARKS.md): starts a SipBenchServer from JAR, warms it up
# with 20,000 copies, then sends COPIES copies at RATE/s (retransmit-blast.py) and reads the relay's
# CPU ticks from /proc before and after. Prints one line. 127.0.0.1 only; bounded in count and time.
# Usage: retransmit-cost.sh JAR same|differ [COPIES] [RATE] [OUTDIR]
set -euo pipefail
JAR=$1 VARIANT=$2 COPIES=${3:-50000} RATE=${4:-5000} OUT=${5:-/tmp/retransmit-cost}
HERE=$(cd "$(dirname "$0")" && pwd)
RELAY_PORT=${RELAY_PORT:-5570}
UAS_PORT=${UAS_PORT:-5580}
rm -rf "$OUT"; mkdir -p "$OUT"; mkfifo "$OUT/ctl"
sleep 600 > "$OUT/ctl" &
HOLD=$!
java -Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -cp "$JAR" io.maskgate.bench.sip.SipBenchServer \
    --port "$RELAY_PORT" --trunk-port "$UAS_PORT" --sessions 100 --csv "$OUT/calls.csv" < "$OUT/ctl" > "$OUT/server.out" 2>&1 &
RELAY=$!
trap 'echo quit > "$OUT/ctl" 2>/dev/null; sleep 1; kill $RELAY $HOLD 2>/dev/null || true' EXIT
for _ in $(seq 90); do grep -q READY "$OUT/server.out" && break; sleep 1; done
python3 "$HERE/retransmit-blast.py" "$RELAY_PORT" 20000 "$RATE" "$VARIANT" > /dev/null   # JIT warm-up
sleep 1
before=$(awk '{print $14+$15}' "/proc/$RELAY/stat")
result=$(python3 "$HERE/retransmit-blast.py" "$RELAY_PORT" "$COPIES" "$RATE" "$VARIANT")
after=$(awk '{print $14+$15}' "/proc/$RELAY/stat")
ticks=$(( after - before ))
echo "$(basename "$JAR") $VARIANT: $result relay_cpu_ticks=$ticks us_per_copy=$(( ticks * 10000 / COPIES ))"
