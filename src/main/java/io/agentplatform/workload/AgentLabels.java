package io.agentplatform.workload;

import io.agentplatform.core.Labels;

import java.util.Map;

/**
 * The one place the agent's labels come from (keys and shape from {@link Labels}). The Deployment's selector, the pod template, the Service, the PDB,
 * the NetworkPolicies and the ServiceMonitor all use {@link #selector()} (a subset of {@link #pod()}), so they
 * cannot drift apart.
 *
 * @param name     {@code app.kubernetes.io/name}
 * @param instance {@code app.kubernetes.io/instance}
 * @param version  {@code app.kubernetes.io/version}: the image tag (or digest prefix); on pods and objects, never
 *                 in a selector (selectors are immutable and must survive upgrades)
 */
public record AgentLabels(String name, String instance, String version) {
    public static final String PART_OF = Labels.PLATFORM;

    /** The agent's labels for an image reference. */
    public static AgentLabels of(String name, String image) {
        return new AgentLabels(name, name, versionOf(image));
    }

    /** Selects the agent's pods; immutable over the Deployment's life. */
    public Map<String, String> selector() {
        return selector(name, instance);
    }

    /** Labels of the pods and of every object of the workload (Service, ConfigMap, ...). */
    public Map<String, String> pod() {
        return withCommon(selector(), "api");
    }

    /**
     * Selects the migration Job's pods: another {@code name} and {@code instance}, so neither the Service, the PDB nor
     * the agent's NetworkPolicies ever select them.
     */
    public Map<String, String> migrationSelector() {
        return selector(name + "-migrate", instance + "-migrate");
    }

    /** Labels of the migration Job, its pods and its objects. */
    public Map<String, String> migrationPod() {
        return withCommon(migrationSelector(), "migration");
    }

    private static Map<String, String> selector(String name, String instance) {
        return Labels.selector(name, instance);
    }

    private Map<String, String> withCommon(Map<String, String> selector, String component) {
        return Labels.recommended(selector, version, component, PART_OF);
    }

    /** A label value (at most 63 characters of [A-Za-z0-9._-]) naming the image version. */
    static String versionOf(String image) {
        int at = image.indexOf('@');
        String v;
        if (at >= 0) {
            String digest = image.substring(at + 1);
            v = digest.replace("sha256:", "sha256-");
        } else {
            String last = image.substring(image.lastIndexOf('/') + 1);
            v = last.contains(":") ? last.substring(last.indexOf(':') + 1) : "unversioned";
        }
        v = v.replaceAll("[^A-Za-z0-9._-]", "-");
        return v.length() > 63 ? v.substring(0, 63) : v;
    }
}
