package io.maskgate.tests;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by a small tokenizer rather than a parser:
 * quoted strings, {@code {...}} label matchers, {@code [...]} ranges and durations are skipped;
 * an identifier is a metric name unless it is a function (followed by {@code (}), a keyword or
 * aggregation operator, or a label name inside {@code by (...)} / {@code without (...)} /
 * {@code on (...)} / {@code ignoring (...)} / {@code group_left (...)} / {@code group_right (...)}.
 * {@code _bucket}, {@code _count} and {@code _sum} series map to their histogram's base name.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "sum", "min", "max", "avg", "count", "stddev",
            "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "inf", "nan", "le");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\{[^}]*}|\\[[^]]*]|[A-Za-z_:][A-Za-z0-9_:]*|\\d+(?:\\.\\d+)?[a-z]*|\\S");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(expr);
        String previous = "";
        boolean inLabelList = false;
        while (m.find()) {
            String token = m.group();
            if (inLabelList) {
                inLabelList = !token.equals(")");
            } else if (token.equals("(") && LABEL_LISTS.contains(previous)) {
                inLabelList = true;
            } else if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
                if (!KEYWORDS.contains(token) && !followedByParen(expr, m.end())) {
                    names.add(base(token));
                }
            }
            previous = token;
        }
        return names;
    }

    private static boolean followedByParen(String expr, int from) {
        for (int i = from; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '(';
            }
        }
        return false;
    }

    private static String base(String name) {
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
