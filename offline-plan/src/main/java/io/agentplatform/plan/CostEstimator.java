package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices a plan from its resources' inputs with the region's {@link PriceTable}: node groups by desired size ×
 * first instance type (Spot at the table's factor) plus their launch-template root volumes, RDS by class
 * (Multi-AZ × 2) and gp3 storage, ElastiCache by nodes × node type, NAT gateways by hour plus assumed traffic,
 * Karpenter NodePools from their expected minimum (the range up to their limits beside the total, see
 * {@link NodePoolPricing}),
 * and so on. What has no rule or no price is listed as unpriced with the reason, never counted as zero.
 */
public final class CostEstimator {
    /** Volume sizes in Helm values ({@code storage: 10Gi}, {@code size: 50Gi}). */
    private static final Pattern HELM_VOLUME = Pattern.compile("\"(storage|size)\":\"(\\d+(?:\\.\\d+)?(?:Gi|G|Ti|T|Mi))\"");

    public record Result(double monthlyUsd, Map<String, Double> byComponent, Map<String, Double> byCategory,
                         List<Estimate.Unpriced> unpriced, List<Estimate.CapacityRange> capacityRanges,
                         String priceTableDate, String priceTableRegion) {}

    private CostEstimator() {}

    public static Result estimate(Plan plan) {
        String region = regionOf(plan);
        return PriceTable.forRegion(region)
                .map(t -> estimate(plan, t))
                .orElseGet(() -> noTable(plan, region));
    }

    /**
     * The region of the plan's AWS provider; us-east-1 (the provider's own default) when none is set. A plan with no
     * AWS resource at all (an ephemeral stack on another stack's cluster) costs nothing of its own in any region, so
     * it is read against the eu-west-1 table, which knows which Kubernetes objects are free.
     */
    static String regionOf(Plan plan) {
        if (plan.resources().stream().noneMatch(r -> r.type().startsWith("aws:"))) {
            return "eu-west-1";
        }
        // The stack's own provider, not one a component adds for another region (the backup copy's).
        return plan.resources().stream().filter(r -> r.type().equals("pulumi:providers:aws"))
                .sorted(java.util.Comparator.comparing((PlannedResource r) -> !isTopLevel(r)))
                .map(r -> r.input("region").asText("")).filter(s -> !s.isEmpty()).findFirst().orElse("us-east-1");
    }

    private static boolean isTopLevel(PlannedResource r) {
        return r.parent() == null || r.parent().contains("::pulumi:pulumi:Stack::");
    }

    /**
     * A cluster pays the extended-support price when its upgrade policy keeps it past standard support and, on the
     * plan's date, the AWS catalog has its version out of standard support (a STANDARD cluster is upgraded instead).
     */
    static boolean inExtendedSupport(Plan plan, JsonNode cluster, String region) {
        return "EXTENDED".equals(cluster.path("upgradePolicy").path("supportType").asText())
                && plan.planDate().flatMap(on -> io.agentplatform.config.AwsCatalog.forRegion(region)
                        .flatMap(c -> c.eks(cluster.path("version").asText()))
                        .map(v -> v.inExtendedSupport(on))).orElse(false);
    }

    public static Result estimate(Plan plan, PriceTable prices) {
        Map<String, PlannedResource> byUrn = new HashMap<>();
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
        Map<String, Double> byComponent = new TreeMap<>();
        Map<String, Double> byCategory = new TreeMap<>();
        List<Estimate.Unpriced> unpriced = new ArrayList<>();
        List<Estimate.CapacityRange> ranges = new ArrayList<>();
        double hours = prices.hoursPerMonth();
        for (PlannedResource r : plan.resources()) {
            if (!r.custom()) {
                continue;
            }
            Pricer p = new Pricer(r, componentName(byUrn, r), byComponent, byCategory, unpriced);
            if (r.type().equals(NodePoolPricing.NODE_POOL)) {
                priceNodePool(p, r, plan, prices, ranges);
            } else {
                price(p, plan, r, byUrn, prices, hours);
            }
        }
        double total = byComponent.values().stream().mapToDouble(Double::doubleValue).sum();
        byComponent.replaceAll((k, v) -> cents(v));
        byCategory.replaceAll((k, v) -> cents(v));
        return new Result(cents(total), byComponent, byCategory, List.copyOf(unpriced), List.copyOf(ranges), prices.date(),
                prices.region());
    }

    /** Adds one custom resource's monthly cost by what its type bills for, or says why it has no price. */
    private static void price(Pricer p, Plan plan, PlannedResource r, Map<String, PlannedResource> byUrn,
                              PriceTable prices, double hours) {
        JsonNode in = r.inputs();
        switch (r.type()) {
            case "aws:eks/cluster:Cluster" -> {
                if (inExtendedSupport(plan, in, prices.region())) {
                    p.add("EKS control plane (extended support)", prices.require("eks.clusterHourExtendedSupport") * hours);
                } else {
                    p.add("EKS control plane", prices.require("eks.clusterHour") * hours);
                }
            }
            case "aws:eks/nodeGroup:NodeGroup" -> priceNodeGroup(p, r, byUrn, prices, hours);
            case "aws:ec2/natGateway:NatGateway" -> {
                p.add("NAT gateways", prices.require("vpc.natGatewayHour") * hours);
                p.add("NAT data (assumed)", prices.require("vpc.natGatewayGb") * prices.require("vpc.natGatewayGbPerMonth"));
            }
            case "aws:ec2/eip:Eip" -> p.add("Public IPv4 addresses", prices.require("vpc.publicIpv4Hour") * hours);
            case "aws:ec2/vpcEndpoint:VpcEndpoint" -> {
                if (in.path("vpcEndpointType").asText("Gateway").equals("Interface")) {
                    int azs = Math.max(1, in.path("subnetIds").size());
                    p.add("VPC interface endpoints", prices.require("vpc.interfaceEndpointAzHour") * azs * hours);
                }
            }
            case "aws:rds/instance:Instance" -> priceDatabase(p, in, prices, hours);
            case "aws:elasticache/replicationGroup:ReplicationGroup" -> priceCache(p, in, prices, hours);
            case "aws:ebs/volume:Volume" -> priceVolume(p, in, prices);
            case "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer" ->
                    p.add("Load balancers", (in.path("loadBalancerType").asText("application").equals("network")
                            ? prices.require("elb.nlbHour") : prices.require("elb.albHour")) * hours);
            case "aws:cloudwatch/logGroup:LogGroup" -> p.add("CloudWatch Logs ingestion (assumed)",
                    prices.require("cloudwatch.logIngestionGb") * prices.require("cloudwatch.logIngestionGbPerLogGroupMonth"));
            case "aws:kms/key:Key" -> p.add("KMS keys", prices.require("kms.keyMonth"));
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> p.add("S3 storage (assumed)",
                    prices.require("s3.standardGbMonth") * prices.require("s3.gbPerBucketMonth"));
            case "kubernetes:helm.sh/v3:Release" -> priceHelmRelease(p, in);
            case "kubernetes:core/v1:PersistentVolumeClaim" -> p.unpriced("PersistentVolumeClaim of "
                    + in.path("spec").path("resources").path("requests").path("storage").asText("?")
                    + ": storage class and volume type are resolved in the cluster");
            default -> {
                if (!prices.isFree(r.type())) {
                    p.unpriced(prices.unpricedReason(r.type()).orElse("no price rule for this type"));
                }
            }
        }
    }

    private static void priceVolume(Pricer p, JsonNode in, PriceTable prices) {
        if (!in.path("type").asText("gp3").equals("gp3")) {
            p.unpriced("EBS volume type " + in.path("type").asText() + " has no price in the table (gp3 only)");
        } else if (!in.path("size").isNumber()) {
            p.unpriced("EBS volume without a size input (sized from a snapshot)");
        } else {
            p.add("EBS volumes", in.path("size").asDouble() * prices.require("ebs.gp3GbMonth"));
        }
    }

    /** The release's pods run on the priced nodes; volumes it asks for through values are not priced. */
    private static void priceHelmRelease(Pricer p, JsonNode in) {
        List<String> sizes = helmVolumes(in.path("values"));
        if (!sizes.isEmpty()) {
            p.unpriced("persistent volumes requested through Helm values (" + String.join(", ", sizes)
                    + "): replica counts and storage class are chart internals the plan does not resolve");
        }
    }

    private static void priceNodeGroup(Pricer p, PlannedResource r, Map<String, PlannedResource> byUrn, PriceTable prices,
                                       double hours) {
        JsonNode in = r.inputs();
        int desired = in.path("scalingConfig").path("desiredSize").asInt(0);
        PlannedResource template = r.dependencies().stream().map(byUrn::get)
                .filter(d -> d != null && d.type().equals("aws:ec2/launchTemplate:LaunchTemplate")).findFirst().orElse(null);
        String instanceType = in.path("instanceTypes").path(0).asText(
                template == null ? "" : template.input("instanceType").asText(""));
        OptionalDouble hourly = prices.keyed("ec2.instanceHour", instanceType);
        if (instanceType.isEmpty()) {
            p.unpriced("node group without an instance type");
        } else if (hourly.isEmpty()) {
            p.unpriced("instance type " + instanceType + " is not in the price table (ec2.instanceHour)");
        } else {
            boolean spot = in.path("capacityType").asText("ON_DEMAND").equals("SPOT");
            double factor = spot ? prices.require("ec2.spotPriceFactor") : 1.0;
            p.add("EC2 nodes", hourly.getAsDouble() * factor * desired * hours);
        }
        double diskGiB = template != null && template.input("blockDeviceMappings.0.ebs.volumeSize").isNumber()
                ? template.input("blockDeviceMappings.0.ebs.volumeSize").asDouble()
                : in.path("diskSize").asDouble(20);
        p.add("EBS volumes", diskGiB * desired * prices.require("ebs.gp3GbMonth"));
    }

    /** A Karpenter pool counts at its expected minimum; the range up to its limits is listed beside the total. */
    private static void priceNodePool(Pricer p, PlannedResource r, Plan plan, PriceTable prices,
                                      List<Estimate.CapacityRange> ranges) {
        NodePoolPricing.Result priced = NodePoolPricing.price(r, plan, prices);
        priced.unpriced().ifPresent(p::unpriced);
        priced.range().ifPresent(range -> {
            p.add("EC2 nodes", range.low().monthlyUsd() - priced.lowVolumesUsd());
            p.add("EBS volumes", priced.lowVolumesUsd());
            ranges.add(new Estimate.CapacityRange(range.urn(), range.pool(), range.low().monthlyUsd(),
                    range.high().monthlyUsd(), range.low().nodes(), range.high().nodes(), range.low().instanceType(),
                    range.high().instanceType(), range.spot()));
        });
    }

    private static void priceDatabase(Pricer p, JsonNode in, PriceTable prices, double hours) {
        String instanceClass = in.path("instanceClass").asText("");
        double azs = in.path("multiAz").asBoolean(false) ? prices.require("rds.multiAzFactor") : 1;
        OptionalDouble hourly = prices.keyed("rds.instanceHour", instanceClass);
        if (hourly.isEmpty()) {
            p.unpriced("RDS instance class " + instanceClass + " is not in the price table (rds.instanceHour)");
        } else {
            p.add("RDS instances", hourly.getAsDouble() * azs * hours);
        }
        String storageType = in.path("storageType").asText("gp2");
        if (!storageType.equals("gp3")) {
            p.unpriced("RDS storage type " + storageType + " has no price in the table (gp3 only)");
        } else {
            p.add("RDS storage", in.path("allocatedStorage").asDouble(0) * azs * prices.require("rds.gp3GbMonth"));
        }
    }

    private static void priceCache(Pricer p, JsonNode in, PriceTable prices, double hours) {
        String nodeType = in.path("nodeType").asText("");
        int nodes = in.path("numCacheClusters").isNumber() ? in.path("numCacheClusters").asInt()
                : in.path("numNodeGroups").asInt(1) * (in.path("replicasPerNodeGroup").asInt(0) + 1);
        OptionalDouble hourly = prices.keyed("elasticache.nodeHour", nodeType);
        if (hourly.isEmpty()) {
            p.unpriced("ElastiCache node type " + nodeType + " is not in the price table (elasticache.nodeHour)");
            return;
        }
        double factor = in.path("engine").asText("redis").equals("valkey") ? prices.require("elasticache.valkeyPriceFactor") : 1.0;
        p.add("ElastiCache nodes", hourly.getAsDouble() * factor * nodes * hours);
    }

    static List<String> helmVolumes(JsonNode values) {
        Set<String> sizes = new LinkedHashSet<>();
        Matcher m = HELM_VOLUME.matcher(values.toString());
        while (m.find()) {
            sizes.add(m.group(2));
        }
        return List.copyOf(sizes);
    }

    private static Result noTable(Plan plan, String region) {
        List<Estimate.Unpriced> unpriced = plan.resources().stream()
                .filter(r -> r.custom() && !r.type().startsWith("pulumi:providers:"))
                .map(r -> new Estimate.Unpriced(r.urn(), r.type(), "no price table for region " + region
                        + " (add offline-plan/src/main/resources/insights/prices-" + region + ".json)"))
                .toList();
        return new Result(0, new TreeMap<>(), new TreeMap<>(), unpriced, List.of(), "none", region);
    }

    /** The outermost component's logical name; {@code (stack)} for resources directly under the stack. */
    static String componentName(Map<String, PlannedResource> byUrn, PlannedResource r) {
        PlannedResource current = r;
        while (current.parent() != null && byUrn.containsKey(current.parent())) {
            current = byUrn.get(current.parent());
        }
        return current.custom() ? "(stack)" : current.name();
    }

    static double cents(double usd) {
        return Math.round(usd * 100) / 100.0;
    }

    /** Adds priced lines of one resource to the component and category totals. */
    private record Pricer(PlannedResource r, String component, Map<String, Double> byComponent,
                          Map<String, Double> byCategory, List<Estimate.Unpriced> unpriced) {
        void add(String category, double usd) {
            byComponent.merge(component, usd, Double::sum);
            byCategory.merge(category, usd, Double::sum);
        }

        void unpriced(String reason) {
            unpriced.add(new Estimate.Unpriced(r.urn(), r.type(), reason));
        }
    }
}
