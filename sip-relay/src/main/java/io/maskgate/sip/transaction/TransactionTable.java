package io.maskgate.sip.transaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live transactions, server and client in separate maps (a branch we sent may come back to us
 * as a request through a loop), bounded together by {@link TransactionOptions#maxTransactions()}.
 * A slot is taken before an entry is added, so the bound holds under concurrent adds from several
 * event loops; an entry leaves when its transaction terminates.
 */
final class TransactionTable {

    private final int max;
    private final AtomicInteger size = new AtomicInteger();
    private final Map<TransactionKey, ServerTransactionBase> servers = new ConcurrentHashMap<>();
    private final Map<TransactionKey, ClientTransactionBase> clients = new ConcurrentHashMap<>();

    TransactionTable(int max) {
        this.max = max;
    }

    int size() {
        return size.get();
    }

    int max() {
        return max;
    }

    ServerTransactionBase server(TransactionKey key) {
        return servers.get(key);
    }

    ClientTransactionBase client(TransactionKey key) {
        return clients.get(key);
    }

    /** Adds a server transaction; false when the table is full or the key is taken. */
    boolean addServer(TransactionKey key, ServerTransactionBase tx) {
        return add(servers, key, tx);
    }

    /** Adds a client transaction; false when the table is full or the key is taken. */
    boolean addClient(TransactionKey key, ClientTransactionBase tx) {
        return add(clients, key, tx);
    }

    boolean isFull() {
        return size.get() >= max;
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

    private <T> boolean add(Map<TransactionKey, T> map, TransactionKey key, T tx) {
        if (size.incrementAndGet() > max) {
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
