package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.POOLS;

import io.maskgate.core.number.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The proxy-number pools by name, as listed in conf (ranges not yet expanded). */
public record PoolsConfig(Map<String, Pool> byName) {

    /** Largest range accepted, so a typo in a range cannot allocate millions of numbers at start. */
    public static final int MAX_RANGE_SIZE = 100_000;

    private static final Pattern POOL_NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    public PoolsConfig {
        byName = Map.copyOf(byName);
    }

    /** One pool: single numbers and inclusive ranges. Proxy numbers are ours, not personal data. */
    public record Pool(String name, List<PhoneNumber> numbers, List<Range> ranges) {
        public Pool {
            Objects.requireNonNull(name, "name");
            numbers = List.copyOf(numbers);
            ranges = List.copyOf(ranges);
        }
    }

    /** {@code first..last} inclusive, same length, {@code first <= last}. */
    public record Range(PhoneNumber first, PhoneNumber last) {
        public Range {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }

        public long size() {
            return Long.parseLong(last.digits()) - Long.parseLong(first.digits()) + 1;
        }
    }

    static PoolsConfig from(ConfigValues v) {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (String name : v.childNames(POOLS)) {
            String path = POOLS + "." + name;
            if (!POOL_NAME.matcher(name).matches()) {
                throw new ConfigException(path, "pool name must be 1-32 chars of [a-z0-9_-]");
            }
            List<PhoneNumber> numbers = numbers(path + ".numbers", v.strings(path + ".numbers"));
            List<Range> ranges = ranges(path + ".ranges", v.strings(path + ".ranges"));
            if (numbers.isEmpty() && ranges.isEmpty()) {
                throw new ConfigException(path, "a pool needs at least one entry in numbers or ranges");
            }
            pools.put(name, new Pool(name, numbers, ranges));
        }
        return new PoolsConfig(pools);
    }

    private static List<PhoneNumber> numbers(String key, List<String> values) {
        List<PhoneNumber> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(e164(key + "[" + i + "]", values.get(i)));
        }
        return out;
    }

    private static List<Range> ranges(String key, List<String> values) {
        List<Range> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String path = key + "[" + i + "]";
            String[] ends = values.get(i).split("-", -1);
            if (ends.length != 2) {
                throw new ConfigException(path, "must be \"first-last\", two E.164 numbers joined by '-'");
            }
            Range range = new Range(e164(path, ends[0].strip()), e164(path, ends[1].strip()));
            if (range.first().e164().length() != range.last().e164().length()) {
                throw new ConfigException(path, "first and last must have the same number of digits");
            }
            long size = range.size();
            if (size < 1 || size > MAX_RANGE_SIZE) {
                throw new ConfigException(path, "must hold between 1 and " + MAX_RANGE_SIZE
                        + " numbers (first <= last), held " + size);
            }
            out.add(range);
        }
        return out;
    }

    private static PhoneNumber e164(String path, String value) {
        try {
            return PhoneNumber.ofE164(value);
        } catch (IllegalArgumentException e) {
            // PhoneNumber's message is masked; a conf typo might be somebody's real number.
            throw new ConfigException(path, "must be an E.164 number ('+' then 8-15 digits): " + e.getMessage());
        }
    }
}
