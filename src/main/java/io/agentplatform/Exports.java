package io.agentplatform;

import com.pulumi.Context;
import io.agentplatform.network.NetworkOutputs;

/**
 * The stack outputs other teams depend on, exported in one place with the exact names of the output contract
 * ({@code docs/outputs.md}).
 */
final class Exports {
    private Exports() {}

    static void network(Context ctx, NetworkOutputs network) {
        ctx.export("vpcId", network.vpcId());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("databaseSubnetIds", network.databaseSubnetIds());
    }
}
