#!/usr/bin/env python3
"""What one retransmitted INVITE costs the relay (BENCHMARKS.md).

Sends one INVITE to a proxy number with no session (the relay answers 100 and 404, and its INVITE
server transaction then waits out timer H in Completed, answering every retransmission), then
COPIES more copies at RATE per second, bounded by count and by 60 s, and counts the answers.
VARIANT "same" sends byte-identical copies, as a peer's retransmissions are; "differ" adds a header
that changes in every copy, so each must be parsed before it is matched. 127.0.0.1 only.

Usage: retransmit-blast.py RELAY_PORT COPIES RATE same|differ
"""
import socket
import sys
import threading
import time

port, copies, rate, variant = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
local_port = sock.getsockname()[1]
call_id = "blast-%d" % time.time_ns()
SDP = ("v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def invite(copy):
    return ("INVITE sip:+919000000999@127.0.0.1 SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{local_port};branch=z9hG4bK-{call_id};rport\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:+919812345678@127.0.0.1>;tag=blast1\r\n"
            "To: <sip:+919000000999@127.0.0.1>\r\n"
            f"Call-ID: {call_id}\r\n"
            "CSeq: 1 INVITE\r\n"
            f"Contact: <sip:blast@127.0.0.1:{local_port}>\r\n"
            + (f"X-Copy: {copy}\r\n" if variant == "differ" else "")
            + "Content-Type: application/sdp\r\n"
            f"Content-Length: {len(SDP)}\r\n\r\n" + SDP).encode()


answers = {}


def read_answers():
    sock.settimeout(2.0)
    while True:
        try:
            data = sock.recv(65535)
        except socket.timeout:
            return
        code = data[8:11].decode(errors="replace")
        answers[code] = answers.get(code, 0) + 1


first = invite(0)
sock.sendto(first, ("127.0.0.1", port))
reader = threading.Thread(target=read_answers)
reader.start()
time.sleep(1.0)
start = time.time()
sent = 0
while sent < copies and time.time() - start < 60:
    due = min(int((time.time() - start) * rate) + 1, copies)
    while sent < due:
        sent += 1
        sock.sendto(first if variant == "same" else invite(sent), ("127.0.0.1", port))
    time.sleep(0.001)
elapsed = time.time() - start
reader.join()
print(f"sent={sent} in {elapsed:.2f}s answers={sum(answers.values())} by_status={answers}")
