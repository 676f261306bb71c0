package io.maskgate.core.pool;

import io.maskgate.core.number.PhoneNumber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A named set of proxy numbers that sessions are allocated from (conf: {@code pools.<name>}).
 * Numbers are distinct; order is kept but carries no meaning. An empty pool is allowed (every
 * create on it is refused as exhausted), so a pool can be drained by conf without removing it.
 */
public record NumberPool(String name, List<PhoneNumber> numbers) {

    /** Largest pool {@link #range} builds: a typo in a range must not allocate millions of numbers. */
    public static final int MAX_RANGE = 100_000;

    public NumberPool {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("pool name must not be blank");
        }
        numbers = List.copyOf(numbers);
        if (new HashSet<>(numbers).size() != numbers.size()) {
            throw new IllegalArgumentException("pool '" + name + "' lists a number twice");
        }
    }

    /**
     * Every number from {@code first} to {@code last}, both included, e.g. {@code +918000000000}
     * .. {@code +918000000099} (100 numbers).
     *
     * @throws IllegalArgumentException unless both have the same length, {@code first <= last},
     *         and the range holds at most {@link #MAX_RANGE} numbers
     */
    public static List<PhoneNumber> range(PhoneNumber first, PhoneNumber last) {
        String a = first.digits();
        String b = last.digits();
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("range ends must have the same number of digits");
        }
        long from = Long.parseLong(a);
        long to = Long.parseLong(b);
        if (from > to) {
            throw new IllegalArgumentException("range start is after its end");
        }
        if (to - from + 1 > MAX_RANGE) {
            throw new IllegalArgumentException("range holds more than " + MAX_RANGE + " numbers");
        }
        List<PhoneNumber> out = new ArrayList<>((int) (to - from + 1));
        String format = "+%0" + a.length() + "d";
        for (long n = from; n <= to; n++) {
            out.add(PhoneNumber.ofE164(String.format(format, n)));
        }
        return List.copyOf(out);
    }

    public int size() {
        return numbers.size();
    }

    /** Name and size only: a pool can hold 100,000 numbers, and they are real numbers too. */
    @Override
    public String toString() {
        return "NumberPool[name=" + name + ", size=" + numbers.size() + "]";
    }
}
