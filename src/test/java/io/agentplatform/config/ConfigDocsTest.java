package io.agentplatform.config;

import io.agentplatform.StackPlans;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md and Pulumi.yaml say what the declarations say: a setting declared but not documented, or
 * documented with another default, type or description, fails here. {@code scripts/config-docs.sh} (this test with
 * {@code -Dconfig.docs.write=true}) rewrites both files from the declarations.
 */
class ConfigDocsTest {
    private static final boolean WRITE = Boolean.getBoolean("config.docs.write");
    private static final List<Class<?>> DECLARING = List.of(TopLevelSection.class, TargetSection.class,
            NetworkSection.class, ClusterSection.class, CiAccessReader.class, NodeGroupSection.class,
            KarpenterSection.class, DatabaseSection.class, CacheSection.class, MonitoringSection.class,
            AlertingSection.class, AgentSection.class, DeliverySection.class);

    private static void compareOrWrite(Path file, String committed, String generated) throws IOException {
        if (WRITE) {
            Files.writeString(file, generated);
        }
        String actual = WRITE ? generated : committed;
        assertTrue(generated.equals(actual), () -> file.getFileName() + " differs from the declarations in "
                + "io.agentplatform.config (" + firstDifference(actual, generated) + "); run scripts/config-docs.sh "
                + "and commit the result");
    }

    private static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String was = i < a.length ? a[i] : "<end of file>";
            String want = i < b.length ? b[i] : "<end of file>";
            if (!was.equals(want)) {
                return "line " + (i + 1) + " is\n  " + was + "\nand the declarations say\n  " + want;
            }
        }
        return "same lines";
    }

    @Test
    void configurationReferenceIsTheRenderingOfTheDeclarations() throws IOException {
        Path file = StackPlans.projectDir().resolve("docs/configuration.md");
        String committed = Files.readString(file);
        int begin = committed.indexOf(ConfigDocs.BEGIN);
        int end = committed.indexOf(ConfigDocs.END);
        assertTrue(begin >= 0 && end > begin, "docs/configuration.md keeps the generated block between its markers");
        String generated = committed.substring(0, begin + ConfigDocs.BEGIN.length()) + "\n\n" + ConfigDocs.markdown()
                + "\n" + committed.substring(end);
        compareOrWrite(file, committed, generated);
    }

    @Test
    void projectFileDeclaresEverySectionWithItsFieldsFromTheDeclarations() throws IOException {
        Path file = StackPlans.projectDir().resolve("Pulumi.yaml");
        String committed = Files.readString(file);
        int config = committed.indexOf("\nconfig:\n");
        assertTrue(config >= 0, "Pulumi.yaml has a config block");
        compareOrWrite(file, committed, committed.substring(0, config + 1) + ConfigDocs.pulumiConfig());
    }

    /**
     * Pulumi.yaml gives every section {@code default: {}}, so the CLI passes {@code {}} for each one a stack leaves out
     * (network, cluster, ... on the pr and local stacks, which refuse them when set): {@code {}} must mean "not set".
     */
    @ParameterizedTest
    @ValueSource(strings = {"pr", "local", "dev"})
    void aSectionTheCliPassesAsAnEmptyDefaultBindsAsIfLeftOut(String stack) {
        Path dir = StackPlans.projectDir();
        Map<String, JsonNode> withDefaults = StackConfigSource.rawConfig(dir, dir.resolve("Pulumi." + stack + ".yaml"),
                "agent-platform");
        Map<String, JsonNode> leftOut = new LinkedHashMap<>(withDefaults);
        leftOut.values().removeIf(v -> v.isObject() && v.isEmpty());
        assertTrue(leftOut.size() < withDefaults.size(), "the " + stack + " stack leaves some section to its {} default");
        LocalDate day = LocalDate.of(2026, 12, 1);
        PlatformConfig cli = ConfigBinder.bind("agent-platform", stack, withDefaults, Set.of(),
                ConfigBinder.SecretMode.PLACEHOLDER, day);
        PlatformConfig without = ConfigBinder.bind("agent-platform", stack, leftOut, Set.of(),
                ConfigBinder.SecretMode.PLACEHOLDER, day);
        assertEquals(without.toString(), cli.toString());
    }

    /** A declaration left out of its section would be read but neither documented nor declared in Pulumi.yaml. */
    @Test
    void everyDeclaredSettingBelongsToADocumentedSection() throws IllegalAccessException {
        Set<Setting<?>> documented = new HashSet<>();
        List<Section> sections = new ArrayList<>(ConfigSections.OBJECTS);
        sections.add(TopLevelSection.SECTION);
        for (int i = 0; i < sections.size(); i++) {
            documented.addAll(sections.get(i).settings());
            sections.addAll(sections.get(i).nested());
        }
        List<String> undocumented = new ArrayList<>();
        for (Class<?> type : DECLARING) {
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
                    f.setAccessible(true);
                    if (!documented.contains((Setting<?>) f.get(null))) {
                        undocumented.add(type.getSimpleName() + "." + f.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), undocumented, "declared settings missing from their Section");
    }
}
