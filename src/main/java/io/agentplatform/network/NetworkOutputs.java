package io.agentplatform.network;

import com.pulumi.core.Output;
import io.agentplatform.core.NetworkPeer;

import java.util.List;

/**
 * What the rest of the platform needs from the network. The address ranges are the ones the network gave its VPC
 * and subnets, so clients take them from here rather than from config.
 *
 * @param publicSubnetCidrs   one per zone: load balancers (ALB target-type ip sends from these) and NAT gateways
 * @param privateSubnetCidrs  one per zone: nodes, pods, the cache and the interface endpoints
 * @param databaseSubnetCidrs one per zone: RDS
 * @param hasStsEndpoint      whether the private subnets hold an STS interface endpoint
 */
public record NetworkOutputs(
        Output<String> vpcId,
        String vpcCidr,
        Output<List<String>> availabilityZones,
        Output<List<String>> publicSubnetIds,
        Output<List<String>> privateSubnetIds,
        Output<List<String>> databaseSubnetIds,
        List<String> publicSubnetCidrs,
        List<String> privateSubnetCidrs,
        List<String> databaseSubnetCidrs,
        boolean hasStsEndpoint) {

    public NetworkOutputs {
        publicSubnetCidrs = List.copyOf(publicSubnetCidrs);
        privateSubnetCidrs = List.copyOf(privateSubnetCidrs);
        databaseSubnetCidrs = List.copyOf(databaseSubnetCidrs);
    }

    /**
     * Where pods reach STS: the interface endpoint in the private subnets where the network has one (private DNS
     * resolves the regional name to it), otherwise the public endpoint outside the VPC.
     */
    public NetworkPeer.Addresses stsRoute() {
        if (hasStsEndpoint) {
            return NetworkPeer.Addresses.of(privateSubnetCidrs);
        }
        return new NetworkPeer.Addresses(List.of(new NetworkPeer.IpRange("0.0.0.0/0", List.of(vpcCidr))));
    }
}
