package io.agentplatform.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes labels the program stamps, as {@link Tags} is for AWS tags: the recommended
 * {@code app.kubernetes.io/*} labels and the Pod Security Admission levels of a namespace. Components choose the
 * values (name, component, level); nothing else writes these keys.
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** {@code part-of} of everything the platform itself runs. */
    public static final String PLATFORM = "agent-platform";

    /** A Pod Security Standards level, as the {@code pod-security.kubernetes.io/*} labels spell it. */
    public enum PodSecurity {
        PRIVILEGED, BASELINE, RESTRICTED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Labels() {}

    /** {@code name} and {@code instance}: what a selector matches; immutable over a workload's life. */
    public static Map<String, String> selector(String name, String instance) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, name);
        m.put(INSTANCE, instance);
        return m;
    }

    /** The selector plus {@code version}, {@code component}, {@code part-of} and {@code managed-by}. */
    public static Map<String, String> recommended(Map<String, String> selector, String version, String component,
                                                  String partOf) {
        Map<String, String> m = new LinkedHashMap<>(selector);
        m.put(VERSION, version);
        m.put(COMPONENT, component);
        m.putAll(ownership(partOf));
        return m;
    }

    /** {@code part-of} and {@code managed-by} (always {@code pulumi}, as the {@code managed-by} tag). */
    public static Map<String, String> ownership(String partOf) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PART_OF, partOf);
        m.put(MANAGED_BY, Tags.MANAGED_BY);
        return m;
    }

    /**
     * A namespace's labels: the extra labels (sorted), ownership, and Pod Security Admission enforcing
     * {@code enforce} while warning and auditing at {@code warnAndAudit}.
     */
    public static Map<String, String> namespace(String partOf, PodSecurity enforce, PodSecurity warnAndAudit,
                                                Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>(new TreeMap<>(extra));
        m.putAll(ownership(partOf));
        m.put("pod-security.kubernetes.io/enforce", enforce.label());
        m.put("pod-security.kubernetes.io/warn", warnAndAudit.label());
        m.put("pod-security.kubernetes.io/audit", warnAndAudit.label());
        return m;
    }

    /** A namespace enforcing, warning and auditing the one level. */
    public static Map<String, String> namespace(String partOf, PodSecurity level, Map<String, String> extra) {
        return namespace(partOf, level, level, extra);
    }
}
