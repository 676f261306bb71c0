#!/usr/bin/env bash
# The consent-in-the-path benchmark of BENCHMARKS.md (issue #5, SIP): two SipBenchServers, one with the
# static consent source and one asking a consent platform stand-in over HTTP (answers cached as conf
# ships them), each with its own sipp pair; a 300 CPS warm-up each, then for every rate REPEATS
# alternating steps (static, http) of RATE x 8 s calls held 1 s. Prints each step's run-step.sh line
# prefixed with the relay's CPU per call (utime+stime of the relay JVM and its redis-server over the
# step). Everything is bounded (sipp -m/-timeout) and stopped on exit.
# Usage: consent-compare.sh OUTDIR "2000 3000" [REPEATS]   (needs tests/target/benchmarks.jar, -Pbench)
set -uo pipefail
OUT=$1 RATES=$2 REPEATS=${3:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../../../../target/benchmarks.jar}
trap 'for n in static http; do [ -f "$OUT/$n/pid" ] && kill "$(cat "$OUT/$n/pid")" 2>/dev/null; done' EXIT
start() { # name port
    local d=$OUT/$1
    mkdir -p "$d" && rm -f "$d/ctl" && mkfifo "$d/ctl"
    (sleep 3600 > "$d/ctl" &)
    java -Xms1g -Xmx1g -XX:+UseG1GC -cp "$JAR" io.maskgate.bench.sip.SipBenchServer --port "$2" --trunk-port $(( $2 + 10 )) \
        --sessions 2000 --consent "$1" --csv "$d/calls.csv" < "$d/ctl" > "$d/server.out" 2>&1 &
    echo $! > "$d/pid"; echo "$2" > "$d/port"
}
cpu() { # ticks of a process and its children (the relay's redis-server)
    local t=0 p
    for p in $1 $(pgrep -P "$1"); do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
    echo "$t"
}
step() { # name rate calls tag
    local d=$OUT/$1 port pid a b line
    port=$(cat "$d/port"); pid=$(cat "$d/pid"); a=$(cpu "$pid")
    line=$(UAS_PORT=$(( port + 10 )) RELAY_PORT=$port "$HERE/run-step.sh" relay "$2" "$3" 1000 "$d/$4" "$d/calls.csv" | tail -1)
    b=$(cpu "$pid")
    echo "$1 $4 cpu_ms_per_call=$(echo "scale=3; ($b - $a) * 1000 / $(getconf CLK_TCK) / $3" | bc) $line"
}
start static 5670
start http 5770
for _ in $(seq 120); do grep -q READY "$OUT/static/server.out" && grep -q READY "$OUT/http/server.out" && break; sleep 1; done
step static 300 6000 warm-up; step http 300 6000 warm-up
for rate in $RATES; do
    for rep in $(seq "$REPEATS"); do
        step static "$rate" $(( rate * 8 )) "$rate-$rep"; sleep 2
        step http "$rate" $(( rate * 8 )) "$rate-$rep"; sleep 2
    done
done
for n in static http; do echo quit > "$OUT/$n/ctl"; done
