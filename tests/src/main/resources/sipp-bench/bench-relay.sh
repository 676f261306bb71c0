# Sourced by soak.sh and overload.sh: starts a SipBenchServer from $JAR on 127.0.0.1:$RELAY_PORT
# (trunk: a sipp uas on $UAS_PORT) with README's GC flags, writing into $OUT, fed commands through
# the fifo $OUT/ctl (held open for SECONDS), and waits until it is ready. Sets RELAY (its pid) and
# HOLD (the fifo holder's pid), and on exit tells the server to quit.
# Usage: start_bench_relay SECONDS [SipBenchServer options ...]
start_bench_relay() {
    local seconds=$1
    shift
    rm -rf "$OUT"; mkdir -p "$OUT"; mkfifo "$OUT/ctl"
    sleep "$seconds" > "$OUT/ctl" &
    HOLD=$!
    java -Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -Xmn64m -XX:MaxTenuringThreshold=1 -cp "$JAR" \
        io.maskgate.bench.sip.SipBenchServer --port "$RELAY_PORT" --trunk-port "$UAS_PORT" --sessions 2000 \
        --csv "$OUT/calls.csv" "$@" < "$OUT/ctl" > "$OUT/server.out" 2>&1 &
    RELAY=$!
    trap 'echo quit > "$OUT/ctl" 2>/dev/null; sleep 1; kill $RELAY $HOLD ${EXTRA_PIDS:-} 2>/dev/null || true' EXIT
    for _ in $(seq 90); do grep -q READY "$OUT/server.out" && break; sleep 1; done
}
