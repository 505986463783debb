package io.agentplatform.network;

import com.pulumi.core.Output;

import java.util.List;

/** What the rest of the platform needs from the network. */
public record NetworkOutputs(
        Output<String> vpcId,
        String vpcCidr,
        Output<List<String>> availabilityZones,
        Output<List<String>> publicSubnetIds,
        Output<List<String>> privateSubnetIds,
        Output<List<String>> databaseSubnetIds) {
}
