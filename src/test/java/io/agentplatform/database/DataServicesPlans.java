package io.agentplatform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.StackPlans;
import io.agentplatform.cache.Cache;
import io.agentplatform.cache.CacheArgs;
import io.agentplatform.cache.CacheOutputs;
import io.agentplatform.config.AwsSettings;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.network.Network;
import io.agentplatform.network.NetworkArgs;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlanRunner;
import io.agentplatform.plan.PlannedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The data services of each committed stack, planned once per test JVM under the mock engine: the real
 * {@link Network}, a stand-in for the cluster's node security group, and the real {@link Database} and
 * {@link Cache} built from the stack's validated config. Until the cluster exists in the composition root this is
 * the program under test; the outputs are exported so tests can follow references between resources.
 */
public final class DataServicesPlans {
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    private DataServicesPlans() {}

    public static synchronized Plan of(String stack) {
        return PLANS.computeIfAbsent(stack, DataServicesPlans::fresh);
    }

    /** A new, uncached run, for checking that two runs give the same plan. */
    public static Plan fresh(String stack) {
        return PlanRunner.run(StackPlans.config(stack), DataServicesPlans::define);
    }

    static void define(Context ctx, PlatformConfig cfg) {
        Naming naming = new Naming(cfg.project(), cfg.stack());
        Tags tags = new Tags(cfg.project(), cfg.environment().configName(), cfg.owner(), cfg.extraTags());
        PlatformContext platform = new PlatformContext(naming, tags, java.util.Optional.of(cfg.requireAws().region()));
        AwsSettings aws = cfg.requireAws();
        Provider provider = new Provider(naming.of("aws", "provider"), ProviderArgs.builder().region(aws.region()).build(),
                CustomResourceOptions.builder().build());
        ComponentResourceOptions onAws = ComponentResourceOptions.builder().providers(provider).build();

        Network network = new Network(new NetworkArgs(aws.network(), naming.component("eks")), platform, onAws);
        // Plays the EKS node security group until the cluster component provides the real one.
        SecurityGroup clients = new SecurityGroup(naming.of("eks", "node-sg"), SecurityGroupArgs.builder()
                .vpcId(network.outputs().vpcId())
                .description("stand-in for the cluster node security group")
                .tags(tags.named("eks", naming.of("eks", "node-sg")))
                .build(), CustomResourceOptions.builder().provider(provider).build());

        DatabaseOutputs db = new Database(new DatabaseArgs(aws.database(), network.outputs(), clients.id()), platform, onAws)
                .outputs();
        CacheOutputs cache = new Cache(new CacheArgs(aws.cache(), network.outputs(), clients.id(),
                cfg.secrets().redisAuthToken()), platform, onAws).outputs();

        ctx.export("clientSecurityGroupId", clients.id());
        ctx.export("privateSubnetIds", network.outputs().privateSubnetIds());
        ctx.export("databaseSubnetIds", network.outputs().databaseSubnetIds());
        ctx.export("databaseEndpoint", db.address());
        ctx.export("databasePort", db.port());
        ctx.export("databaseName", Output.of(db.databaseName()));
        ctx.export("databaseSecretArn", db.masterSecretArn());
        ctx.export("databaseSecurityGroupId", db.securityGroupId());
        ctx.export("databaseKmsKeyArn", db.kmsKeyArn());
        ctx.export("redisPrimaryEndpoint", cache.primaryEndpoint());
        ctx.export("redisReaderEndpoint", cache.readerEndpoint());
        ctx.export("redisPort", cache.port());
        ctx.export("redisSecurityGroupId", cache.securityGroupId());
    }

    /** The single resource of a type among the resources of one component. */
    public static PlannedResource single(List<PlannedResource> resources, String type) {
        List<PlannedResource> found = resources.stream().filter(r -> r.type().equals(type)).toList();
        assertEquals(1, found.size(), "expected exactly one " + type + " but found " + found.size());
        return found.get(0);
    }

    public static List<PlannedResource> ofType(List<PlannedResource> resources, String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Every resource below the component of the given type token (children, grandchildren, ...). */
    public static List<PlannedResource> underComponent(Plan plan, String componentType) {
        List<PlannedResource> components = plan.ofType(componentType);
        assertEquals(1, components.size(), "expected one " + componentType + " in the " + plan.stack() + " plan");
        String root = components.get(0).urn();
        Map<String, String> parents = new HashMap<>();
        plan.resources().forEach(r -> parents.put(r.urn(), r.parent()));
        List<PlannedResource> out = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            for (String p = r.parent(); p != null; p = parents.get(p)) {
                if (p.equals(root)) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    /** The strings of a JSON array. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
