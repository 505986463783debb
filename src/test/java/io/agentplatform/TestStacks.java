package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentplatform.config.ConfigBinder;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.StackConfigSource;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlatformPlans;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real program ({@link Platform#define}) over a committed {@code Pulumi.<stack>.yaml}, optionally with settings
 * changed: {@code TestStacks.of("dev").with("database.multiAz", true).plan()}. An override is a key/value on the raw
 * stack config, applied to the parsed YAML before it is bound exactly as the offline plan binds it, so a test states
 * the variant it needs in the words of the stack file. Each distinct stack + overrides is planned once per test JVM.
 *
 * <p>Keys: {@code section.path.to.field} for project settings ({@code agent.llmApiUrl}, {@code nodeGroups.workloads.minSize}),
 * a bare name for a top-level one ({@code environment}), a full key with a colon as is ({@code aws:region}).
 */
public final class TestStacks {
    /** The day the committed stacks are judged on in tests (versions, support dates), never the wall clock. */
    public static final LocalDate PLAN_DATE = LocalDate.of(2026, 12, 1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<TestStack, Plan> PLANS = new ConcurrentHashMap<>();

    private TestStacks() {}

    /** The committed stack file {@code Pulumi.<stack>.yaml}, unchanged. */
    public static TestStack of(String stack) {
        return new TestStack(stack, Map.of());
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("user.dir"));
    }

    /**
     * A committed stack with overrides (sorted by key, so equal variants share one cached plan).
     *
     * @param overrides key to its new value; an empty value removes the setting
     */
    public record TestStack(String stack, Map<String, Optional<JsonNode>> overrides) {
        public TestStack {
            overrides = Map.copyOf(overrides);
        }

        /** The stack with {@code key} set to {@code value} (a string, number, boolean, list or map). */
        public TestStack with(String key, Object value) {
            return change(key, Optional.of(JSON.valueToTree(value)));
        }

        /** The stack without {@code key}, as if the stack file did not set it. */
        public TestStack without(String key) {
            return change(key, Optional.empty());
        }

        private TestStack change(String key, Optional<JsonNode> value) {
            Map<String, Optional<JsonNode>> next = new TreeMap<>(overrides);
            next.put(key, value);
            return new TestStack(stack, next);
        }

        /** Full config key to value, as the stack file and Pulumi.yaml give it, with the overrides applied. */
        public Map<String, JsonNode> rawConfig() {
            Path dir = projectDir();
            String project = StackConfigSource.projectName(dir);
            Map<String, JsonNode> raw = new LinkedHashMap<>();
            StackConfigSource.rawConfig(dir, dir.resolve("Pulumi." + stack + ".yaml"), project)
                    .forEach((k, v) -> raw.put(k, v.deepCopy()));
            new TreeMap<>(overrides).forEach((key, value) -> apply(raw, project, key, value));
            return raw;
        }

        /** The validated config, judged on {@link #PLAN_DATE}. */
        public PlatformConfig config() {
            return config(PLAN_DATE);
        }

        public PlatformConfig config(LocalDate planDate) {
            return ConfigBinder.bind(StackConfigSource.projectName(projectDir()), stack, rawConfig(), Set.of(),
                    ConfigBinder.SecretMode.PLACEHOLDER, planDate);
        }

        /**
         * The plan of the real program, computed once per JVM for this stack and these overrides. A stack that reads
         * another through a StackReference gets the referenced committed stack's real outputs.
         */
        public Plan plan() {
            Plan cached = PLANS.get(this);
            if (cached != null) {
                return cached;
            }
            synchronized (PLANS) {
                return PLANS.computeIfAbsent(this, TestStack::fresh);
            }
        }

        /** A new, uncached run of the same program and config, for checking that runs agree. */
        public Plan fresh() {
            return PlatformPlans.runWithReferences(config(), Platform::define,
                    reference -> TestStacks.of(reference.substring(reference.lastIndexOf('/') + 1)).config());
        }

        @Override
        public String toString() {
            return overrides.isEmpty() ? stack : stack + " with " + new TreeMap<>(overrides);
        }
    }

    private static void apply(Map<String, JsonNode> raw, String project, String key, Optional<JsonNode> value) {
        if (key.contains(":") || !key.contains(".")) {
            String full = key.contains(":") ? key : project + ":" + key;
            value.ifPresentOrElse(v -> raw.put(full, v), () -> raw.remove(full));
            return;
        }
        String[] path = key.split("\\.");
        String full = project + ":" + path[0];
        JsonNode section = raw.get(full);
        if (section == null) {
            if (value.isEmpty()) {
                return;
            }
            section = JSON.createObjectNode();
            raw.put(full, section);
        }
        if (!(section instanceof ObjectNode node)) {
            throw new IllegalArgumentException("cannot override " + key + ": " + full + " is not a section in Pulumi."
                    + "<stack>.yaml but " + section);
        }
        for (int i = 1; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            if (child == null && value.isEmpty()) {
                return;
            }
            if (child == null) {
                child = node.putObject(path[i]);
            }
            if (!(child instanceof ObjectNode next)) {
                throw new IllegalArgumentException("cannot override " + key + ": " + path[i] + " is " + child);
            }
            node = next;
        }
        String field = path[path.length - 1];
        ObjectNode target = node;
        value.ifPresentOrElse(v -> target.set(field, v), () -> target.remove(field));
    }
}
