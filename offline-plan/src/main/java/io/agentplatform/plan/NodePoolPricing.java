package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices a Karpenter NodePool as a range: from the capacity it holds at rest (its expected-minimum annotations) to its
 * {@code limits}, each as whole nodes of the instance type in the price table that holds that capacity most cheaply
 * among those the pool's requirements allow (architecture, instance category, generation), as Karpenter launches the
 * cheapest fitting type. Spot at the table's factor when the pool allows spot (Karpenter prefers it then). Each node
 * adds the node class's root volume. The low end counts in the monthly total; the range is listed beside it.
 */
final class NodePoolPricing {
    static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
    static final String NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    static final String EXPECTED_CPU = "agent-platform.io/expected-minimum-cpu";
    static final String EXPECTED_MEMORY = "agent-platform.io/expected-minimum-memory";
    /** {@code m7i.large} → category m, generation 7, attributes i. */
    private static final Pattern FAMILY = Pattern.compile("([a-z]+)(\\d+)([a-z-]*)\\..+");
    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Mi|Gi|Ti)");

    /** One end of the range: how many nodes of which type, and what they cost a month (instances and root volumes). */
    record End(int nodes, String instanceType, double monthlyUsd) {}

    /** A pool's range, as the plan file lists it under {@code estimate.capacityRanges}. */
    record Range(String urn, String pool, End low, End high, boolean spot) {}

    private NodePoolPricing() {}

    /** The pool's range, or why it cannot be priced. */
    static Result price(PlannedResource pool, Plan plan, PriceTable prices) {
        JsonNode spec = pool.input("spec");
        JsonNode annotations = pool.input("metadata.annotations");
        List<String> missing = new ArrayList<>();
        Optional<double[]> expected = capacity(annotations.path(EXPECTED_CPU).asText(),
                annotations.path(EXPECTED_MEMORY).asText());
        Optional<double[]> limits = capacity(spec.path("limits").path("cpu").asText(), spec.path("limits").path("memory").asText());
        if (expected.isEmpty()) {
            missing.add("annotations " + EXPECTED_CPU + " and " + EXPECTED_MEMORY);
        }
        if (limits.isEmpty()) {
            missing.add("limits.cpu and limits.memory");
        }
        if (!missing.isEmpty()) {
            return Result.unpriced("NodePool without " + String.join(", ", missing) + ": its capacity has no bounds to price");
        }
        JsonNode requirements = spec.path("template").path("spec").path("requirements");
        boolean spot = values(requirements, "karpenter.sh/capacity-type").contains("spot");
        List<String> candidates = candidates(requirements, prices);
        if (candidates.isEmpty()) {
            return Result.unpriced("no instance type in the price table (ec2.instanceHour with ec2.instanceVcpu and "
                    + "ec2.instanceMemoryGiB) meets the pool's requirements");
        }
        double rootGiB = rootVolumeGiB(plan, spec.path("template").path("spec").path("nodeClassRef").path("name").asText());
        double factor = spot ? prices.require("ec2.spotPriceFactor") : 1.0;
        End low = cheapest(expected.get(), candidates, prices, factor, rootGiB);
        End high = cheapest(limits.get(), candidates, prices, factor, rootGiB);
        return new Result(Optional.of(new Range(pool.urn(), pool.input("metadata.name").asText(), low, high, spot)),
                Optional.empty(), rootGiB * low.nodes() * prices.require("ebs.gp3GbMonth"));
    }

    /** A priced range, or the reason there is none. */
    record Result(Optional<Range> range, Optional<String> unpriced, double lowVolumesUsd) {
        static Result unpriced(String reason) {
            return new Result(Optional.empty(), Optional.of(reason), 0);
        }
    }

    private static End cheapest(double[] capacity, List<String> candidates, PriceTable prices, double factor,
                                double rootGiB) {
        End best = null;
        for (String type : candidates) {
            double vcpu = prices.keyed("ec2.instanceVcpu", type).getAsDouble();
            double memory = prices.keyed("ec2.instanceMemoryGiB", type).getAsDouble();
            int nodes = (int) Math.max(1, Math.max(Math.ceil(capacity[0] / vcpu), Math.ceil(capacity[1] / memory)));
            double usd = nodes * (prices.keyed("ec2.instanceHour", type).getAsDouble() * factor * prices.hoursPerMonth()
                    + rootGiB * prices.require("ebs.gp3GbMonth"));
            if (best == null || usd < best.monthlyUsd()) {
                best = new End(nodes, type, CostEstimator.cents(usd));
            }
        }
        return best;
    }

    /** Instance types of the table the requirements allow, sorted so ties are stable. */
    static List<String> candidates(JsonNode requirements, PriceTable prices) {
        List<String> architectures = values(requirements, "kubernetes.io/arch");
        List<String> categories = values(requirements, "karpenter.k8s.aws/instance-category");
        int above = minimumGeneration(requirements);
        List<String> out = new ArrayList<>();
        for (String type : prices.keys("ec2.instanceHour")) {
            Matcher m = FAMILY.matcher(type);
            if (!m.matches() || prices.keyed("ec2.instanceVcpu", type).isEmpty()
                    || prices.keyed("ec2.instanceMemoryGiB", type).isEmpty()) {
                continue;
            }
            String architecture = m.group(3).contains("g") ? "arm64" : "amd64";
            boolean allowed = (architectures.isEmpty() || architectures.contains(architecture))
                    && (categories.isEmpty() || categories.contains(m.group(1)))
                    && Integer.parseInt(m.group(2)) > above;
            if (allowed) {
                out.add(type);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    private static int minimumGeneration(JsonNode requirements) {
        for (JsonNode r : requirements) {
            if (r.path("key").asText().equals("karpenter.k8s.aws/instance-generation") && r.path("operator").asText().equals("Gt")) {
                return r.path("values").path(0).asInt(0);
            }
        }
        return 0;
    }

    private static List<String> values(JsonNode requirements, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : requirements) {
            if (r.path("key").asText().equals(key) && r.path("operator").asText().equals("In")) {
                r.path("values").forEach(v -> out.add(v.asText()));
            }
        }
        return out;
    }

    private static double rootVolumeGiB(Plan plan, String nodeClass) {
        for (PlannedResource c : plan.ofType(NODE_CLASS)) {
            if (c.input("metadata.name").asText().equals(nodeClass)) {
                for (JsonNode mapping : c.input("spec.blockDeviceMappings")) {
                    Matcher m = MEMORY.matcher(mapping.path("ebs").path("volumeSize").asText());
                    if (mapping.path("rootVolume").asBoolean(false) && m.matches()) {
                        return gib(m);
                    }
                }
            }
        }
        return 20; // Karpenter's default root volume for AL2023
    }

    /** vCPU and GiB of two quantities; empty when either is missing or unreadable. */
    static Optional<double[]> capacity(String cpu, String memory) {
        Matcher c = CPU.matcher(cpu);
        Matcher m = MEMORY.matcher(memory);
        if (!c.matches() || !m.matches()) {
            return Optional.empty();
        }
        double vcpu = Double.parseDouble(c.group(1)) / (c.group(2).isEmpty() ? 1 : 1000);
        return Optional.of(new double[] {vcpu, gib(m)});
    }

    private static double gib(Matcher m) {
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "Mi" -> v / 1024;
            case "Ti" -> v * 1024;
            default -> v;
        };
    }
}
