package io.maskgate.server.config;

import java.util.regex.Pattern;

/** Matching concrete paths ({@code pools.default.numbers}, {@code admin.tokens[0].role}) against key names. */
final class KeyPaths {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private KeyPaths() {
    }

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** True when {@code path} is exactly what the key {@code name} defines. */
    static boolean matches(String name, String path) {
        String[] n = name.split("\\.");
        String[] p = normalise(path).split("\\.");
        return n.length == p.length && leadingMatch(n, p, p.length);
    }

    /** True when {@code path} is a section that contains the key {@code name} (so we descend into it). */
    static boolean isSectionOf(String path, String name) {
        String[] n = name.split("\\.");
        String[] p = normalise(path).split("\\.");
        return n.length > p.length && leadingMatch(n, p, p.length);
    }

    /** {@code admin.tokens[3].role} -> {@code admin.tokens[].role}. */
    static String normalise(String path) {
        return INDEX.matcher(path).replaceAll("[]");
    }

    private static boolean leadingMatch(String[] name, String[] path, int count) {
        for (int i = 0; i < count; i++) {
            if (!name[i].equals("*") && !name[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }
}
