package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.core.Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the example values the committed stack files ship with (documentation account, address ranges and domains),
 * which no real AWS account accepts or which point at nobody's network. Under the Pulumi CLI each one is a
 * configuration problem, so {@code pulumi up} stops before creating anything; the offline plan lists them as
 * warnings and keeps working. The README's "Settings to replace" table is checked against this detector.
 */
public final class ExampleValues {
    /** The account ID AWS uses throughout its documentation. */
    static final String DOCUMENTATION_ACCOUNT = "123456789012";
    /** RFC 5737: TEST-NET-1, -2 and -3, reserved for documentation; never routed. */
    static final List<Cidr> DOCUMENTATION_RANGES = List.of(
            Cidr.parse("192.0.2.0/24").orElseThrow(),
            Cidr.parse("198.51.100.0/24").orElseThrow(),
            Cidr.parse("203.0.113.0/24").orElseThrow());
    /** RFC 2606: example.com, example.net, example.org and the .example top-level domain. */
    private static final Pattern EXAMPLE_DOMAIN =
            Pattern.compile("(?i)(?<![a-z0-9-])(?:[a-z0-9-]+\\.)*(?:example\\.(?:com|net|org)|[a-z0-9-]+\\.example)(?![a-z0-9.-])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(/\\d{1,2})?(?![\\d.])");

    /**
     * One example value.
     *
     * @param setting the full config path, e.g. {@code agent-platform:cluster.publicAccessCidrs[0]}
     * @param value   the value as written
     * @param kind    which kind of example it is
     */
    public record Found(String setting, String value, String kind) {
        /** What to do about it, phrased like every configuration problem. */
        public String allowed() {
            return "is an example value (" + kind + "); replace it with your own before `pulumi up`"
                    + " (README: Before your first `pulumi up`)";
        }

        public String warning() {
            return "example value " + setting + " = '" + value + "' (" + kind + "): replace it before `pulumi up`";
        }
    }

    private ExampleValues() {}

    /** Every example value in the raw config, in file order; secrets are never read. */
    public static List<Found> find(Map<String, JsonNode> raw, Set<String> secretKeys) {
        List<Found> found = new ArrayList<>();
        raw.forEach((key, value) -> {
            if (!secretKeys.contains(key)) {
                walk(key, value, found);
            }
        });
        return List.copyOf(found);
    }

    private static void walk(String path, JsonNode node, List<Found> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(path + "." + e.getKey(), e.getValue(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), found);
            }
        } else if (node.isTextual()) {
            kindOf(node.asText()).ifPresent(kind -> found.add(new Found(path, node.asText(), kind)));
        }
    }

    /** Which kind of example a value is, if any. */
    static Optional<String> kindOf(String text) {
        if (text.contains(DOCUMENTATION_ACCOUNT)) {
            return Optional.of("AWS's documentation account " + DOCUMENTATION_ACCOUNT);
        }
        Matcher ip = IPV4.matcher(text);
        while (ip.find()) {
            String cidr = ip.group(1) + (ip.group(2) == null ? "/32" : ip.group(2));
            Optional<Cidr> parsed = Cidr.parse(cidr);
            if (parsed.isPresent() && DOCUMENTATION_RANGES.stream().anyMatch(r -> r.contains(parsed.get()))) {
                return Optional.of("RFC 5737 documentation address range");
            }
        }
        if (EXAMPLE_DOMAIN.matcher(text).find()) {
            return Optional.of("RFC 2606 example domain");
        }
        return Optional.empty();
    }
}
