#!/usr/bin/env python3
"""Summarises one run-step.sh step from sipp's own files: the uac's and uas's -trace_stat csv (last
row: cumulative counters) and the uac's -trace_rtt csv (one line per call: INVITE sent -> 200
received, in whole milliseconds, sipp's clock resolution).
A failed call is any of the CALLS the uac should have made that did not succeed (sipp's FailedCall
plus calls never finished before -timeout)."""
import csv, glob, sys

mode, rate, calls, out, load = sys.argv[1:6]
calls = int(calls)

def last_row(pattern):
    files = glob.glob(pattern)
    if not files:
        return {}
    rows = list(csv.reader(open(files[0]), delimiter=';'))
    return dict(zip(rows[0], rows[-1])) if len(rows) > 1 else {}

uac = last_row(f"{out}/uac/uac-bench*_.csv")
uas = last_row(f"{out}/uas/uas-bench*_.csv")
ok = int(uac.get("SuccessfulCall(C)", 0))
failed = calls - ok
retrans = int(uac.get("Retransmissions(C)", 0)) + int(uas.get("Retransmissions(C)", 0))
rtts = []
for f in glob.glob(f"{out}/uac/uac-bench*_rtt.csv"):
    for line in open(f):
        parts = line.strip().split(";")
        if len(parts) == 3 and parts[2] == "setup":
            rtts.append(float(parts[1]))
rtts.sort()

def pct(p):
    return rtts[min(len(rtts) - 1, int(p / 100.0 * len(rtts)))] if rtts else float("nan")

print(f"{mode} rate={rate} calls={calls} ok={ok} failed={failed} failed%={100.0 * failed / calls:.3f} "
      f"retrans={retrans} (uac {uac.get('Retransmissions(C)', '?')}, uas {uas.get('Retransmissions(C)', '?')}) "
      f"setup_ms median={pct(50):.0f} p99={pct(99):.0f} p999={pct(99.9):.0f} max={rtts[-1] if rtts else float('nan'):.0f} "
      f"n_rtt={len(rtts)} load1={load}")
