package io.agentplatform.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.TestStacks;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent's Kubernetes objects in one stack's full plan, found by kind and the namespace the stack exports. */
record AgentObjects(String stack, Plan plan) {
    /** The agent's namespace on the platform stacks. */
    static final String NS = "agent";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    static final String SERVICE = "kubernetes:core/v1:Service";
    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    static final String SECRET = "kubernetes:core/v1:Secret";
    static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    static final String SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
    static final String HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    static final String PDB = "kubernetes:policy/v1:PodDisruptionBudget";
    static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    static final String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
    static final String SERVICE_MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
    static final String EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";
    static final String SECRET_STORE = "kubernetes:external-secrets.io/v1:SecretStore";
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String JOB = "kubernetes:batch/v1:Job";

    static AgentObjects of(String stack) {
        return new AgentObjects(stack, StackPlans.of(stack));
    }

    static AgentObjects of(TestStacks.TestStack stack) {
        return new AgentObjects(stack.toString(), stack.plan());
    }

    /** The agent's namespace, as the stack exports it ({@code appNamespace}). */
    String namespace() {
        return plan.output("appNamespace").asText();
    }

    List<PlannedResource> all(String type) {
        return plan.matching(r -> r.type().equals(type) && namespace().equals(r.input("metadata.namespace").asText()));
    }

    PlannedResource one(String type) {
        List<PlannedResource> found = all(type);
        assertEquals(1, found.size(), stack + ": one " + type + " in namespace " + namespace());
        return found.get(0);
    }

    PlannedResource named(String type, String name) {
        List<PlannedResource> found = plan.matching(r -> r.type().equals(type)
                && namespace().equals(r.input("metadata.namespace").asText()) && name.equals(r.input("metadata.name").asText()));
        assertEquals(1, found.size(), stack + ": " + type + " " + namespace() + "/" + name);
        return found.get(0);
    }

    PlannedResource deployment() {
        return one(DEPLOYMENT);
    }

    JsonNode podSpec() {
        return deployment().input("spec.template.spec");
    }

    Map<String, String> podLabels() {
        return map(deployment().input("spec.template.metadata.labels"));
    }

    /** The migration Job (one per image). */
    PlannedResource job() {
        return one(JOB);
    }

    JsonNode jobPodSpec() {
        return job().input("spec.template.spec");
    }

    Map<String, String> jobPodLabels() {
        return map(job().input("spec.template.metadata.labels"));
    }

    JsonNode jobContainer() {
        return jobPodSpec().path("containers").path(0);
    }

    /** A container's environment: variable name to its literal value, or to "configMap:KEY" for a reference. */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> m = new LinkedHashMap<>();
        container.path("env").forEach(e -> m.put(e.path("name").asText(), e.has("value") ? e.path("value").asText()
                : "configMap:" + e.path("valueFrom").path("configMapKeyRef").path("key").asText()));
        return m;
    }

    /** Every container of the pod, init containers first. */
    List<JsonNode> containers() {
        List<JsonNode> all = new ArrayList<>();
        podSpec().path("initContainers").forEach(all::add);
        podSpec().path("containers").forEach(all::add);
        return all;
    }

    JsonNode container(String name) {
        return containers().stream().filter(c -> c.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(stack + ": no container " + name));
    }

    List<PlannedResource> matching(Predicate<PlannedResource> p) {
        return plan.matching(p);
    }

    static Map<String, String> map(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** True when every label of the selector is among the labels (and the selector is not empty). */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
