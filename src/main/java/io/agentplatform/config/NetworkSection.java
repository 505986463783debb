package io.agentplatform.config;

import io.agentplatform.core.Cidr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentplatform.config.Default.byKind;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code network} ({@link NetworkSettings}) and how they are read. */
final class NetworkSection {
    static final Setting<String> VPC_CIDR = Setting.text("vpcCidr", Default.required("the VPC's IPv4 range, e.g. "
            + "10.10.0.0/16", ""), "the VPC's IPv4 range").type("CIDR").rule("/16–/24, no host bits");
    static final Setting<Integer> ZONES = Setting.integer("availabilityZoneCount", 1, 6,
            byKind(EnvironmentKind::minimumAvailabilityZones), "zones spanned; at least the kind's minimum and at most "
                    + "the zones of the region");
    static final Setting<NetworkSettings.NatStrategy> NAT = Setting.choice("natGateways",
            NetworkSettings.NatStrategy.class, byKind(k -> k.holdsValuableData() ? NetworkSettings.NatStrategy.PER_AZ
                    : NetworkSettings.NatStrategy.SINGLE), "`single` is cheap (one zone's outage cuts egress)");
    static final Setting<List<String>> PUBLIC = subnets("publicSubnetCidrs", "load balancers and NAT gateways");
    static final Setting<List<String>> PRIVATE = subnets("privateSubnetCidrs", "nodes and pods (sized large: the VPC "
            + "CNI gives pods VPC addresses)");
    static final Setting<List<String>> DATABASE = subnets("databaseSubnetCidrs", "RDS and ElastiCache, no route to "
            + "the internet");
    static final Setting<Integer> FLOW_LOG_DAYS = Setting.retention("flowLogRetentionDays", of(30),
            "CloudWatch retention of VPC flow logs");
    static final Setting<List<String>> ENDPOINTS = Setting.texts("interfaceEndpoints", of(List.of()),
            "extra interface endpoints; the S3 gateway endpoint is always created")
            .check("AWS service short names such as `ecr.api` or `sts`", (s, n, v) -> v.stream()
                    .filter(e -> !e.matches("[a-z0-9][a-z0-9.-]*")).forEach(e -> s.problem(n, "'" + e + "'",
                            "entries are AWS service short names such as ecr.api or sts")));
    static final Setting<Boolean> PROTECT = Setting.bool("protect", byKind(EnvironmentKind::holdsValuableData),
            "Pulumi `protect` and retain-on-delete on the flow-log KMS key");

    static final Section SECTION = new Section("network", "The VPC of a platform stack", Section.PLATFORM,
            List.of(VPC_CIDR, ZONES, NAT, PUBLIC, PRIVATE, DATABASE, FLOW_LOG_DAYS, ENDPOINTS, PROTECT)).absent("required on platform stacks");

    private NetworkSection() {}

    private static Setting<List<String>> subnets(String name, String use) {
        return Setting.texts(name, of(List.of()), "one per zone: " + use).type("list of CIDR")
                .rule("one per zone, inside the VPC, /28 or larger, no overlaps");
    }

    static NetworkSettings read(Settings s, String region) {
        EnvironmentKind kind = s.kind();
        NetworkSettings.Builder b = NetworkSettings.builder().vpcCidr(s.read(VPC_CIDR));
        int zones = s.read(ZONES);
        int maxZones = Regions.zones(region).orElse(6);
        if (zones < kind.minimumAvailabilityZones()) {
            s.problem(ZONES.name(), String.valueOf(zones), "a " + kind.configName() + " stack needs at least "
                    + kind.minimumAvailabilityZones() + " availability zones");
        } else if (zones > maxZones) {
            s.problem(ZONES.name(), String.valueOf(zones), "region " + region + " offers " + maxZones
                    + " availability zones; allowed: " + kind.minimumAvailabilityZones() + " to " + maxZones);
        }
        b.availabilityZoneCount(zones).natGateways(s.read(NAT)).publicSubnetCidrs(s.read(PUBLIC))
                .privateSubnetCidrs(s.read(PRIVATE)).databaseSubnetCidrs(s.read(DATABASE))
                .flowLogRetentionDays(s.read(FLOW_LOG_DAYS)).interfaceEndpoints(s.read(ENDPOINTS)).protect(s.read(PROTECT));
        s.rejectUnknownKeys();
        validateSubnets(s, s.get(VPC_CIDR), zones);
        return b.build();
    }

    private static void validateSubnets(Settings s, String vpcText, int zones) {
        Optional<Cidr> vpc = Cidr.parse(vpcText);
        if (!vpcText.isEmpty() && vpc.isEmpty()) {
            s.problem(VPC_CIDR.name(), "'" + vpcText + "'", "must be an IPv4 CIDR block with no host bits set, e.g. 10.10.0.0/16");
        } else if (vpc.isPresent() && (vpc.get().prefix() < 16 || vpc.get().prefix() > 24)) {
            s.problem(VPC_CIDR.name(), "'" + vpcText + "'", "a VPC range must be between /16 and /24");
        }
        Map<String, Cidr> seen = new LinkedHashMap<>();
        for (Setting<List<String>> tier : List.of(PUBLIC, PRIVATE, DATABASE)) {
            List<String> cidrs = s.get(tier);
            if (cidrs.size() != zones) {
                s.problem(tier.name(), cidrs.toString(), "needs exactly one CIDR per availability zone (" + zones + ")");
            }
            for (int i = 0; i < cidrs.size(); i++) {
                checkSubnet(s, tier.name() + "[" + i + "]", cidrs.get(i), vpc, seen);
            }
        }
    }

    private static void checkSubnet(Settings s, String where, String text, Optional<Cidr> vpc, Map<String, Cidr> seen) {
        Optional<Cidr> subnet = Cidr.parse(text);
        if (subnet.isEmpty()) {
            s.problem(where, "'" + text + "'", "must be an IPv4 CIDR block with no host bits set, e.g. 10.10.0.0/24");
            return;
        }
        if (vpc.isPresent() && !vpc.get().contains(subnet.get())) {
            s.problem(where, "'" + text + "'", "lies outside the VPC range " + vpc.get());
        }
        if (subnet.get().prefix() > 28) {
            s.problem(where, "'" + text + "'", "AWS subnets are /28 or larger");
        }
        for (Map.Entry<String, Cidr> other : seen.entrySet()) {
            if (other.getValue().overlaps(subnet.get())) {
                s.problem(where, "'" + text + "'", "overlaps " + other.getKey() + " (" + other.getValue() + ")");
            }
        }
        seen.put(s.pathOf(where), subnet.get());
    }
}
