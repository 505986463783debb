package io.agentplatform.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found the simple way: strip strings, label matchers, range and
 * subquery brackets, grouping clauses and template variables; what is left that is an identifier, not a function
 * call, not a keyword and not a number is a metric name. Good enough for the expressions this project writes.
 */
final class PromqlMetricNames {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private PromqlMetricNames() {}

    static Set<String> of(String expr) {
        String s = expr
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")               // string literals
                .replaceAll("\\{[^}]*}", " ")                              // label matchers
                .replaceAll("\\[[^]]*]", " ")                              // ranges and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ");                         // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean call = next < s.length() && s.charAt(next) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!call && !number && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }
}
