package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dated catalog of what AWS offers in one region, {@code aws-facts/src/main/resources/insights/aws-catalog-<region>.json}:
 * EKS versions and their support dates, add-on versions per EKS version, the RDS for PostgreSQL versions that can be
 * created, ElastiCache engine versions and the instance classes the program accepts. Config validation checks every
 * stack against it on the plan date ({@code CatalogChecks}).
 */
public final class AwsCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Optional<AwsCatalog>> CACHE = new ConcurrentHashMap<>();

    /** One EKS minor version: standard support up to (not including) its end, then extended support. */
    public record EksVersion(String version, LocalDate endOfStandardSupport, LocalDate endOfExtendedSupport) {
        public boolean inStandardSupport(LocalDate on) {
            return on.isBefore(endOfStandardSupport);
        }

        public boolean inExtendedSupport(LocalDate on) {
            return !inStandardSupport(on) && on.isBefore(endOfExtendedSupport);
        }
    }

    /** One RDS for PostgreSQL minor version; no dates means creatable with no announced end. */
    public record PostgresMinor(String version, Optional<LocalDate> creatableUntil, Optional<LocalDate> endOfStandardSupport) {
        public boolean creatableOn(LocalDate on) {
            return creatableUntil.map(on::isBefore).orElse(true);
        }
    }

    private final JsonNode root;

    private AwsCatalog(JsonNode root) {
        this.root = root;
    }

    public static Optional<AwsCatalog> forRegion(String region) {
        return CACHE.computeIfAbsent(region, r -> load("insights/aws-catalog-" + r + ".json"));
    }

    static Optional<AwsCatalog> load(String resource) {
        try (InputStream in = AwsCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new AwsCatalog(JSON.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AWS catalog " + resource, e);
        }
    }

    public String date() {
        return root.path("date").asText();
    }

    public String region() {
        return root.path("region").asText();
    }

    public Map<String, EksVersion> eksVersions() {
        Map<String, EksVersion> out = new TreeMap<>();
        root.path("eks").path("versions").fields().forEachRemaining(e -> out.put(e.getKey(), new EksVersion(e.getKey(),
                LocalDate.parse(e.getValue().path("endOfStandardSupport").asText()),
                LocalDate.parse(e.getValue().path("endOfExtendedSupport").asText()))));
        return out;
    }

    public Optional<EksVersion> eks(String version) {
        return Optional.ofNullable(eksVersions().get(version));
    }

    /** Versions of an EKS add-on the catalog lists for a cluster version (empty when it lists none). */
    public List<String> addonVersions(String kubernetesVersion, String addon) {
        return strings(root.path("eks").path("addons").path(kubernetesVersion).path(addon));
    }

    public Optional<LocalDate> postgresMajorEnd(String major) {
        JsonNode m = root.path("rdsPostgres").path("majors").path(major);
        return m.isMissingNode() ? Optional.empty() : Optional.of(LocalDate.parse(m.path("endOfStandardSupport").asText()));
    }

    public java.util.Set<String> postgresMajors() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        root.path("rdsPostgres").path("majors").fieldNames().forEachRemaining(out::add);
        return out;
    }

    public Map<String, PostgresMinor> postgresMinors() {
        Map<String, PostgresMinor> out = new TreeMap<>();
        root.path("rdsPostgres").path("minors").fields().forEachRemaining(e -> out.put(e.getKey(), new PostgresMinor(
                e.getKey(), date(e.getValue().path("creatableUntil")), date(e.getValue().path("endOfStandardSupport")))));
        return out;
    }

    /** The minors of a major that can be created on a date. */
    public List<String> creatablePostgresMinors(String major, LocalDate on) {
        return postgresMinors().values().stream().filter(m -> m.version().startsWith(major + ".") && m.creatableOn(on))
                .map(PostgresMinor::version).toList();
    }

    /** Engine versions of {@code valkey} or {@code redis}. */
    public List<String> cacheVersions(String engine) {
        return strings(root.path("elasticache").path(engine));
    }

    /** Instance classes the program accepts: {@code rds}, {@code elasticache} or {@code ec2}. */
    public List<String> instanceClasses(String service) {
        return strings(root.path("instanceClasses").path(service));
    }

    private static Optional<LocalDate> date(JsonNode node) {
        return node.isTextual() ? Optional.of(LocalDate.parse(node.asText())) : Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
