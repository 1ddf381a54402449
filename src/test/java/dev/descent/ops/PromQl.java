package dev.descent.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found lexically: string literals, label matchers,
 * range selectors, label lists of by/without/on/ignoring/group_*, Grafana variables and numbers
 * are dropped; of the identifiers left, those followed by "(" are functions or aggregations and
 * the rest, less the keywords, are metric names. Names keep their suffix (_bucket, _count, _sum,
 * _total) because the exposition has those very names.
 */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {}

    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("'(?:[^'\\\\]|\\\\.)*'", " ")
                .replaceAll("`[^`]*`", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            int before = m.start() - 1;
            if (before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.')) continue; // 1e-3, 5m
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) after++;
            if (after < s.length() && s.charAt(after) == '(') continue;
            if (KEYWORDS.contains(token.toLowerCase())) continue;
            names.add(token);
        }
        return names;
    }
}
