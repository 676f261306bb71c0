package io.maskgate.sip.transaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live transactions, server and client in separate maps (a branch we sent may come back to us
 * as a request through a loop), bounded together by {@link TransactionOptions#maxTransactions()}.
 * A slot is taken before an entry is added, so the bound holds under concurrent adds from several
 * event loops; an entry leaves when its transaction terminates.
 *
 * <p>New work (a new INVITE, an out-of-dialog request) stops at that bound. What finishes work
 * already taken (an in-dialog BYE, the outbound legs of admitted calls) may go a quarter beyond
 * it: a full table must shed new calls, not strand a call's other leg by refusing its BYE.
 */
final class TransactionTable {

    private final int max;
    /** {@link #max} plus the reserve for finishing admitted work: a quarter more. */
    private final int hardMax;
    private final AtomicInteger size = new AtomicInteger();
    private final Map<TransactionKey, ServerTransactionBase> servers;
    private final Map<TransactionKey, ClientTransactionBase> clients;

    /**
     * Both maps are sized for {@code max} entries up front (for the default 300,000, 2 MiB of
     * slots each, taken on the first add). Grown on demand, a map copies all its entries at each
     * doubling, on whichever event loop's add crossed the threshold: ~12 ms for the step from
     * 262,144 slots, measured on this project's 2-core machine, while that loop's calls wait.
     * A map sized this way holds at least 1.125 x {@code max} before it would grow, and none
     * grows below the reserve for the default bound.
     */
    TransactionTable(int max) {
        this.max = max;
        this.hardMax = max + max / 4;
        this.servers = new ConcurrentHashMap<>(max);
        this.clients = new ConcurrentHashMap<>(max);
    }

    int size() {
        return size.get();
    }

    int max() {
        return max;
    }

    /** The bound with the reserve: where client transactions and in-dialog requests stop. */
    int hardMax() {
        return hardMax;
    }

    ServerTransactionBase server(TransactionKey key) {
        return servers.get(key);
    }

    ClientTransactionBase client(TransactionKey key) {
        return clients.get(key);
    }

    /**
     * Adds a server transaction; false when the table is full or the key is taken.
     *
     * @param finishing the request belongs to work already admitted (in-dialog, not an INVITE):
     *     it may use the reserve above the bound
     */
    boolean addServer(TransactionKey key, ServerTransactionBase tx, boolean finishing) {
        return add(servers, key, tx, finishing ? hardMax : max);
    }

    /**
     * Adds a client transaction; false when the table is full, reserve included, or the key is
     * taken. The TU sends requests for calls it has admitted, so these may use the reserve.
     */
    boolean addClient(TransactionKey key, ClientTransactionBase tx) {
        return add(clients, key, tx, hardMax);
    }

    void removeServer(TransactionKey key, ServerTransactionBase tx) {
        if (servers.remove(key, tx)) {
            size.decrementAndGet();
        }
    }

    void removeClient(TransactionKey key, ClientTransactionBase tx) {
        if (clients.remove(key, tx)) {
            size.decrementAndGet();
        }
    }

    private <T> boolean add(Map<TransactionKey, T> map, TransactionKey key, T tx, int limit) {
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            return false;
        }
        if (map.putIfAbsent(key, tx) != null) {
            size.decrementAndGet();
            return false;
        }
        return true;
    }
}
