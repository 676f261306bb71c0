package io.maskgate.smpp.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live binds, by system_id: enforces the per-account bind limit and finds receivers for MO delivery. */
public final class BindRegistry {
    private final Map<String, List<EsmeBind>> bySystemId = new ConcurrentHashMap<>();

    /** Adds the bind unless its system_id already holds {@code limit} binds; true when added. */
    boolean tryAdd(EsmeBind bind, int limit) {
        boolean[] added = {false};
        bySystemId.compute(bind.systemId(), (id, binds) -> {
            List<EsmeBind> list = binds == null ? new ArrayList<>() : binds;
            if (list.size() < limit) {
                list.add(bind);
                added[0] = true;
            }
            return list.isEmpty() ? null : list;
        });
        return added[0];
    }

    void remove(EsmeBind bind) {
        bySystemId.computeIfPresent(bind.systemId(), (id, binds) -> {
            binds.remove(bind);
            return binds.isEmpty() ? null : binds;
        });
    }

    /** Open binds of {@code systemId} that may be sent deliver_sm (RX or TRX). */
    public List<EsmeBind> receivers(String systemId) {
        List<EsmeBind> out = new ArrayList<>();
        bySystemId.computeIfPresent(systemId, (id, binds) -> {
            for (EsmeBind b : binds) {
                if (b.canReceive() && b.isOpen()) {
                    out.add(b);
                }
            }
            return binds;
        });
        return out;
    }

    /** Binds of {@code systemId} (a snapshot). */
    public List<EsmeBind> binds(String systemId) {
        List<EsmeBind> out = new ArrayList<>();
        bySystemId.computeIfPresent(systemId, (id, binds) -> {
            out.addAll(binds);
            return binds;
        });
        return out;
    }

    /** Every live bind (a snapshot). */
    public List<EsmeBind> all() {
        List<EsmeBind> out = new ArrayList<>();
        for (String systemId : bySystemId.keySet()) {
            out.addAll(binds(systemId));
        }
        return out;
    }

    public int size() {
        return all().size();
    }
}
