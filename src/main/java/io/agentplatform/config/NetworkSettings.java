package io.agentplatform.config;

import java.util.Objects;

import java.util.List;

/**
 * The VPC of a platform stack.
 *
 * @param vpcCidr               IPv4 range of the VPC
 * @param availabilityZoneCount zones spanned; at least the environment kind's minimum (production: 3)
 * @param natGateways           {@code single} (cheap, one zone's outage cuts egress) or {@code perAz}
 * @param publicSubnetCidrs     one per zone: load balancers and NAT gateways
 * @param privateSubnetCidrs    one per zone: nodes and pods (sized large: the VPC CNI gives pods VPC addresses)
 * @param databaseSubnetCidrs   one per zone: RDS and ElastiCache, no route to the internet
 * @param flowLogRetentionDays  CloudWatch retention of VPC flow logs
 * @param interfaceEndpoints    extra interface endpoints by service short name (e.g. {@code ecr.api}, {@code sts});
 *                              the S3 gateway endpoint is always created
 * @param protect               Pulumi {@code protect} and retain-on-delete on the flow-log key (default: production keeps its keys)
 */
public record NetworkSettings(
        String vpcCidr,
        int availabilityZoneCount,
        NatStrategy natGateways,
        List<String> publicSubnetCidrs,
        List<String> privateSubnetCidrs,
        List<String> databaseSubnetCidrs,
        int flowLogRetentionDays,
        List<String> interfaceEndpoints,
        boolean protect) {

    public enum NatStrategy { SINGLE, PER_AZ }

    /** Starts a NetworkSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.vpcCidr = vpcCidr;
        b.availabilityZoneCount = availabilityZoneCount;
        b.natGateways = natGateways;
        b.publicSubnetCidrs = publicSubnetCidrs;
        b.privateSubnetCidrs = privateSubnetCidrs;
        b.databaseSubnetCidrs = databaseSubnetCidrs;
        b.flowLogRetentionDays = flowLogRetentionDays;
        b.interfaceEndpoints = interfaceEndpoints;
        b.protect = protect;
        return b;
    }

    /** Named fields instead of 9 positional arguments. */
    public static final class Builder {
        private String vpcCidr;
        private int availabilityZoneCount;
        private NatStrategy natGateways;
        private List<String> publicSubnetCidrs;
        private List<String> privateSubnetCidrs;
        private List<String> databaseSubnetCidrs;
        private int flowLogRetentionDays;
        private List<String> interfaceEndpoints;
        private boolean protect;

        private Builder() {}

        public Builder vpcCidr(String vpcCidr) {
            this.vpcCidr = vpcCidr;
            return this;
        }

        public Builder availabilityZoneCount(int availabilityZoneCount) {
            this.availabilityZoneCount = availabilityZoneCount;
            return this;
        }

        public Builder natGateways(NatStrategy natGateways) {
            this.natGateways = natGateways;
            return this;
        }

        public Builder publicSubnetCidrs(List<String> publicSubnetCidrs) {
            this.publicSubnetCidrs = publicSubnetCidrs;
            return this;
        }

        public Builder privateSubnetCidrs(List<String> privateSubnetCidrs) {
            this.privateSubnetCidrs = privateSubnetCidrs;
            return this;
        }

        public Builder databaseSubnetCidrs(List<String> databaseSubnetCidrs) {
            this.databaseSubnetCidrs = databaseSubnetCidrs;
            return this;
        }

        public Builder flowLogRetentionDays(int flowLogRetentionDays) {
            this.flowLogRetentionDays = flowLogRetentionDays;
            return this;
        }

        public Builder interfaceEndpoints(List<String> interfaceEndpoints) {
            this.interfaceEndpoints = interfaceEndpoints;
            return this;
        }

        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public NetworkSettings build() {
            Objects.requireNonNull(vpcCidr, "vpcCidr");
            Objects.requireNonNull(natGateways, "natGateways");
            Objects.requireNonNull(publicSubnetCidrs, "publicSubnetCidrs");
            Objects.requireNonNull(privateSubnetCidrs, "privateSubnetCidrs");
            Objects.requireNonNull(databaseSubnetCidrs, "databaseSubnetCidrs");
            Objects.requireNonNull(interfaceEndpoints, "interfaceEndpoints");
            return new NetworkSettings(vpcCidr, availabilityZoneCount, natGateways, publicSubnetCidrs,
                    privateSubnetCidrs, databaseSubnetCidrs, flowLogRetentionDays, interfaceEndpoints, protect);
        }
    }
}
