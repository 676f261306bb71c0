#!/usr/bin/env python3
"""Prints, every 50 ms, the bytes waiting unread in each UDP socket bound to PORT on this host
(the rx_queue column of /proc/net/udp and udp6): 'epoch_seconds bytes bytes ...', one line per
sample, until killed. Used by overload.sh to see how far behind the relay's SIP loops are."""
import sys
import time

port, out = int(sys.argv[1]), open(sys.argv[2], 'w')
suffix = ':%04X' % port
while True:
    queues = []
    for table in ('/proc/net/udp', '/proc/net/udp6'):
        try:
            for line in open(table).readlines()[1:]:
                columns = line.split()
                if columns[1].endswith(suffix):
                    queues.append(int(columns[4].split(':')[1], 16))
        except FileNotFoundError:
            pass
    out.write('%.3f %s\n' % (time.time(), ' '.join(map(str, queues))))
    out.flush()
    time.sleep(0.05)
