package io.maskgate.core.session.codec;

import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.keystore.EnvelopeCipher;
import io.maskgate.keystore.EnvelopeException;
import io.maskgate.keystore.KeyRing;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals and opens the session map's values: the plaintext layouts of {@link EntryFormats} inside
 * AES-GCM envelopes whose associated data is the entry's key name ({@link RedisKeys#aad}).
 * Shared by every {@code SessionStore}, so an entry written by one can be read by any other that
 * holds the same key ring. Thread-safe.
 */
public final class SessionCodec {

    private final EnvelopeCipher envelopes;
    private final RedisKeys keys;

    public SessionCodec(KeyRing ring) {
        Objects.requireNonNull(ring, "ring");
        this.envelopes = ring.envelopes();
        this.keys = new RedisKeys(ring.blindIndex());
    }

    public RedisKeys keys() {
        return keys;
    }

    /** The session record and both routing entries, sealed under the current data key. */
    public SessionEntries seal(Session s) {
        String routingA = keys.routingKey(s.proxyNumber(), s.a().number());
        String routingB = keys.routingKey(s.proxyNumber(), s.b().number());
        String sessionKey = keys.sessionKey(s.id())
                .orElseThrow(() -> new IllegalArgumentException("session id was not made by RedisKeys"));
        return new SessionEntries(
                entry(sessionKey, EntryFormats.encodeSession(s)),
                entry(routingA, EntryFormats.encodeRouting(routingFor(s, s.a(), s.b()))),
                entry(routingB, EntryFormats.encodeRouting(routingFor(s, s.b(), s.a()))));
    }

    /** The keys {@link #seal} writes for {@code s}: session, routing A, routing B. */
    public List<String> keysOf(Session s) {
        return List.of(
                keys.sessionKey(s.id()).orElseThrow(() -> new IllegalArgumentException("foreign session id")),
                keys.routingKey(s.proxyNumber(), s.a().number()),
                keys.routingKey(s.proxyNumber(), s.b().number()));
    }

    /**
     * The keys an interaction or a close touches, all in the session's slot: record, routing A,
     * routing B, activity.
     */
    public List<String> lifecycleKeysOf(Session s) {
        return List.of(
                keys.sessionKey(s.id()).orElseThrow(() -> new IllegalArgumentException("foreign session id")),
                keys.routingKey(s.proxyNumber(), s.a().number()),
                keys.routingKey(s.proxyNumber(), s.b().number()),
                keys.activityKey(s.id()).orElseThrow());
    }

    /** The session record alone, sealed under the current data key (a close re-writes it). */
    public SessionEntries.Entry sealRecord(Session s) {
        String sessionKey = keys.sessionKey(s.id())
                .orElseThrow(() -> new IllegalArgumentException("session id was not made by RedisKeys"));
        return entry(sessionKey, EntryFormats.encodeSession(s));
    }

    /** @throws UnreadableEntryException when the value does not open under {@code key} or does not decode */
    public RoutingEntry openRouting(String key, byte[] value) {
        return EntryFormats.decodeRouting(open("routing", key, value));
    }

    /** @throws UnreadableEntryException when the value does not open under {@code key} or does not decode */
    public Session openSession(String key, byte[] value) {
        return EntryFormats.decodeSession(open("session", key, value));
    }

    /**
     * The value re-sealed under the current data key, or empty when it already is (re-wrap).
     *
     * @throws UnreadableEntryException when it does not open under {@code key}
     */
    public Optional<byte[]> reseal(String key, byte[] value) {
        try {
            if (envelopes.isCurrent(value)) {
                return Optional.empty();
            }
            byte[] aad = RedisKeys.aad(key);
            return Optional.of(envelopes.seal(envelopes.open(value, aad), aad));
        } catch (EnvelopeException e) {
            throw new UnreadableEntryException("stored", e);
        }
    }

    private SessionEntries.Entry entry(String key, byte[] plaintext) {
        return new SessionEntries.Entry(key, envelopes.seal(plaintext, RedisKeys.aad(key)));
    }

    private byte[] open(String what, String key, byte[] value) {
        try {
            return envelopes.open(value, RedisKeys.aad(key));
        } catch (EnvelopeException e) {
            throw new UnreadableEntryException(what, e);
        }
    }

    private static RoutingEntry routingFor(Session s, Participant caller, Participant counterpart) {
        return new RoutingEntry(s.id(), s.purpose(), caller.id(), counterpart, s.expiresAt(), s.mode(), s.slidingTtl());
    }
}
