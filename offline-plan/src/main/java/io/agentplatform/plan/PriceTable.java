package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dated price table of one region, {@code offline-plan/src/main/resources/insights/prices-<region>.json}: USD list prices
 * with their sources and the volume assumptions (NAT traffic, log ingestion, bucket size, Spot discount) the
 * estimate needs. Lookups answer "no price" rather than zero, so callers can list what they could not price.
 */
public final class PriceTable {
    private static final Map<String, Optional<PriceTable>> CACHE = new ConcurrentHashMap<>();

    private final JsonNode root;
    private final List<String> free;

    PriceTable(JsonNode root) {
        this.root = root;
        List<String> f = new ArrayList<>();
        root.path("free").forEach(n -> f.add(n.asText()));
        this.free = List.copyOf(f);
    }

    /** The table for a region, or empty when the repository has none. */
    public static Optional<PriceTable> forRegion(String region) {
        return CACHE.computeIfAbsent(region, r -> load("insights/prices-" + r + ".json"));
    }

    static Optional<PriceTable> load(String resource) {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new PriceTable(Plan.JSON.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price table " + resource, e);
        }
    }

    public String date() {
        return root.path("date").asText();
    }

    public String currency() {
        return root.path("currency").asText("USD");
    }

    public String region() {
        return root.path("region").asText();
    }

    public double hoursPerMonth() {
        return root.path("hoursPerMonth").asDouble(730);
    }

    /** A price or assumption by dotted path ({@code vpc.natGatewayHour}), empty when the table has none. */
    public OptionalDouble number(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    /** A keyed price ({@code ec2.instanceHour}, {@code t3.large}); keys contain dots, so they are not path parts. */
    public OptionalDouble keyed(String tablePath, String key) {
        JsonNode node = root;
        for (String part : tablePath.split("\\.")) {
            node = node.path(part);
        }
        JsonNode value = node.path(key);
        return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    /** The keys of a keyed table ({@code ec2.instanceHour}), in the table's order; none when it has no such table. */
    public java.util.List<String> keys(String tablePath) {
        JsonNode node = root;
        for (String part : tablePath.split("\\.")) {
            node = node.path(part);
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A number the estimate cannot do without (a unit price of the table's own structure). */
    double require(String path) {
        return number(path).orElseThrow(() -> new IllegalStateException("the price table " + region() + " has no " + path));
    }

    /** Why the table prices no resource of this type (its {@code unpriced} entry), e.g. usage it cannot know. */
    public Optional<String> unpricedReason(String type) {
        JsonNode reason = root.path("unpriced").path(type);
        return reason.isTextual() ? Optional.of(reason.asText()) : Optional.empty();
    }

    /** Whether resources of this type cost nothing by themselves (exact token or a listed prefix). */
    public boolean isFree(String type) {
        return free.stream().anyMatch(f -> type.equals(f) || ((f.endsWith("/") || f.endsWith(":")) && type.startsWith(f)));
    }
}
