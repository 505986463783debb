package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cluster-side serialization rule (documented in {@code docs/plan-format.md}): a Helm release that waits for
 * another release or for a StorageClass it uses nothing of starts later than it could. It uses a release when its
 * values switch on ({@code enabled: true}) a custom resource kind whose CRD that release installs
 * ({@code insights/chart-kinds.json}, key in lower camel case: {@code serviceMonitor}); it uses a StorageClass when
 * its values name it ({@code storageClass}, {@code storageClassName}) or, for the default class, ask for a volume.
 */
final class NeedlessWaits {
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
    private static final Set<String> STORAGE_CLASS_KEYS = Set.of("storageClass", "storageClassName");
    private static volatile JsonNode chartKinds;

    private NeedlessWaits() {}

    static List<String> of(Plan plan, DeployGraph graph) {
        Map<String, PlannedResource> byUrn = plan.resources().stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
        List<String> warnings = new ArrayList<>();
        for (PlannedResource release : plan.ofType(RELEASE)) {
            Set<String> needless = new TreeSet<>();
            for (String dep : graph.waitsFor(release.urn())) {
                PlannedResource d = byUrn.get(dep);
                if (d != null && (d.type().equals(RELEASE) && !usesKindsOf(release, d)
                        || d.type().equals(STORAGE_CLASS) && !usesStorageClass(release, d))) {
                    needless.add(dep);
                }
            }
            long delay = needless.isEmpty() ? 0 : graph.start(release.urn(), Set.of()) - graph.start(release.urn(), needless);
            if (delay > 0) {
                warnings.add(release.name() + " (" + RELEASE + ") waits for "
                        + String.join(", ", needless.stream().map(u -> byUrn.get(u).name()).toList())
                        + ", which it uses nothing of (no custom resource kind its values switch on, no storage class"
                        + " it asks for): it starts " + delay + " s later than it could. Wait only for what it uses.");
            }
        }
        return warnings;
    }

    /**
     * The custom resource kinds a release installs the CRDs of, by its chart; none for an unknown chart, nor when
     * its values switch the chart's CRDs off (the entry's {@code onlyWhen} path is {@code false}).
     */
    static Set<String> kindsInstalledBy(PlannedResource release) {
        JsonNode chart = chartKinds().path("charts").path(release.input("chart").asText());
        String onlyWhen = chart.path("onlyWhen").asText("");
        if (!onlyWhen.isEmpty() && !release.input("values." + onlyWhen).asBoolean(true)) {
            return Set.of();
        }
        Set<String> kinds = new HashSet<>();
        chart.path("kinds").forEach(k -> kinds.add(k.asText()));
        return kinds;
    }

    static boolean usesKindsOf(PlannedResource release, PlannedResource installer) {
        Set<String> keys = new HashSet<>();
        kindsInstalledBy(installer).forEach(k -> keys.add(Character.toLowerCase(k.charAt(0)) + k.substring(1)));
        return anyField(release.input("values"), (key, value) -> keys.contains(key) && value.path("enabled").asBoolean(false));
    }

    /** Whether any field at any depth of a JSON tree matches. */
    private static boolean anyField(JsonNode node, BiPredicate<String, JsonNode> matches) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (matches.test(field.getKey(), field.getValue()) || anyField(field.getValue(), matches)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (anyField(n, matches)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean usesStorageClass(PlannedResource release, PlannedResource storageClass) {
        String name = storageClass.input("metadata.name").asText();
        boolean isDefault = storageClass.input("metadata.annotations")
                .path("storageclass.kubernetes.io/is-default-class").asText().equals("true");
        return anyField(release.input("values"), (key, value) -> STORAGE_CLASS_KEYS.contains(key) && value.asText().equals(name))
                || isDefault && !CostEstimator.helmVolumes(release.input("values")).isEmpty();
    }

    static JsonNode chartKinds() {
        if (chartKinds == null) {
            try (InputStream in = NeedlessWaits.class.getClassLoader().getResourceAsStream("insights/chart-kinds.json")) {
                if (in == null) {
                    throw new IllegalStateException("insights/chart-kinds.json is missing from the classpath");
                }
                chartKinds = Plan.JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chartKinds;
    }
}
