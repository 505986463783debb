package io.agentplatform.config;

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
}
