package io.agentplatform.config;

import java.util.ArrayList;
import java.util.List;

/** Every section of the project's configuration, in the order the documentation presents them. */
final class ConfigSections {
    /** Top-level objects, each a key of the project ({@code agent-platform:network}). */
    static final List<Section> OBJECTS = List.of(TargetSection.IN_CLUSTER_DATA, NetworkSection.SECTION,
            ClusterSection.SECTION, NodeGroupSection.GROUPS, KarpenterSection.SECTION, DatabaseSection.SECTION,
            CacheSection.SECTION, BackupSection.SECTION, VeleroSection.SECTION,
            MonitoringSection.SECTION, AlertingSection.SECTION, AgentSection.SECTION);

    private ConfigSections() {}

    /** The names of the project's non-secret top-level keys. */
    static List<String> settingNames() {
        List<String> names = new ArrayList<>();
        TopLevelSection.SECTION.settings().forEach(s -> names.add(s.name()));
        OBJECTS.forEach(s -> names.add(s.key()));
        return List.copyOf(names);
    }
}
