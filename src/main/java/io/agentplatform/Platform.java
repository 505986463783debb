package io.agentplatform;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.config.AwsSettings;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.network.Network;
import io.agentplatform.network.NetworkArgs;

/**
 * The composition root: config → network → cluster → data → monitoring → workload → exports. It decides nothing
 * per environment; the differences are in the validated config it is given.
 */
public final class Platform {
    private Platform() {}

    public static void define(Context ctx, PlatformConfig config) {
        Naming naming = new Naming(config.project(), config.stack());
        PlatformContext platform = new PlatformContext(naming,
                new Tags(config.project(), config.environment().configName(), config.owner(), config.extraTags()));
        config.warnings().forEach(w -> ctx.log().warn(w));

        AwsSettings aws = config.requireAws();
        Provider awsProvider = new Provider(naming.of("aws", "provider"), ProviderArgs.builder()
                .region(aws.region())
                .build(), CustomResourceOptions.builder().build());
        ComponentResourceOptions onAws = ComponentResourceOptions.builder().providers(awsProvider).build();

        String clusterName = naming.component("eks");
        Network network = new Network(new NetworkArgs(aws.network(), aws.region(), clusterName), platform, onAws);

        Exports.network(ctx, network.outputs());
    }
}
