package io.agentplatform.network;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;
import io.agentplatform.config.NetworkSettings;
import io.agentplatform.core.KeyPolicies;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The VPC and everything routed through it. See the package documentation. */
public final class Network extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:Network";
    /** The interface endpoint service that lets pods get IRSA credentials without leaving the VPC. */
    public static final String STS = "sts";

    private final NetworkOutputs outputs;

    public Network(NetworkArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "network", platform, options);
        NetworkSettings s = args.settings();
        int zones = s.availabilityZoneCount();

        Vpc vpc = new Vpc(name("vpc"), VpcArgs.builder()
                .cidrBlock(s.vpcCidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(tags("vpc"))
                .build(), child());

        Output<List<String>> zoneNames = zoneNames(zones);

        // Locked down: nothing may rely on the default security group.
        new DefaultSecurityGroup(name("default-sg"), DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(tags("default-sg"))
                .build(), child());

        InternetGateway igw = new InternetGateway(name("igw"), InternetGatewayArgs.builder()
                .vpcId(vpc.id()).tags(tags("igw")).build(), child());

        String clusterTag = "kubernetes.io/cluster/" + args.clusterName();
        List<Subnet> publicSubnets = subnets("public", s.publicSubnetCidrs(), vpc, zoneNames, true,
                Map.of("kubernetes.io/role/elb", "1", clusterTag, "shared", "tier", "public"));
        List<Subnet> privateSubnets = subnets("private", s.privateSubnetCidrs(), vpc, zoneNames, false,
                Map.of("kubernetes.io/role/internal-elb", "1", clusterTag, "shared", "tier", "private",
                        // Karpenter's EC2NodeClass selects the subnets it launches nodes into by this tag.
                        NetworkArgs.DISCOVERY_TAG, args.clusterName()));
        List<Subnet> databaseSubnets = subnets("database", s.databaseSubnetCidrs(), vpc, zoneNames, false,
                Map.of("tier", "database"));

        RouteTable publicRoutes = publicRoutes(vpc, igw);
        associate("public", publicSubnets, i -> publicRoutes);

        List<NatGateway> natGateways = natGateways(s, publicSubnets, igw);
        List<RouteTable> privateRoutes = privateRoutes(zones, vpc, natGateways);
        associate("private", privateSubnets, privateRoutes::get);

        // The database tier has no route out of the VPC at all.
        RouteTable databaseRoutes = new RouteTable(name("database-rt"), RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(tags("database-rt")).build(), child());
        associate("database", databaseSubnets, i -> databaseRoutes);

        flowLogs(vpc, s.flowLogRetentionDays(), s.protect());

        s3Endpoint(vpc, privateRoutes, databaseRoutes);
        interfaceEndpoints(s, vpc, privateSubnets);

        this.outputs = new NetworkOutputs(vpc.id(), s.vpcCidr(), zoneNames, ids(publicSubnets), ids(privateSubnets),
                ids(databaseSubnets), s.publicSubnetCidrs(), s.privateSubnetCidrs(), s.databaseSubnetCidrs(),
                s.interfaceEndpoints().contains(STS));
        registerOutputs(Map.of(
                "vpcId", outputs.vpcId(),
                "publicSubnetIds", outputs.publicSubnetIds(),
                "privateSubnetIds", outputs.privateSubnetIds(),
                "databaseSubnetIds", outputs.databaseSubnetIds()));
    }

    public NetworkOutputs outputs() {
        return outputs;
    }

    /** Zones come from the account's view of the region; the count was validated against the region up front. */
    private Output<List<String>> zoneNames(int zones) {
        return AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder()
                        .state("available").build(), InvokeOptions.builder().parent(this).build())
                .applyValue(result -> {
                    if (result.names().size() < zones) {
                        throw new IllegalStateException("region " + region() + " offers " + result.names().size()
                                + " available zones, but network.availabilityZoneCount is " + zones);
                    }
                    return List.copyOf(result.names().subList(0, zones));
                });
    }

    /** One route table for every public subnet, its default route through the internet gateway. */
    private RouteTable publicRoutes(Vpc vpc, InternetGateway igw) {
        RouteTable publicRoutes = new RouteTable(name("public-rt"), RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(tags("public-rt")).build(), child());
        new Route(name("public-default-route"), RouteArgs.builder()
                .routeTableId(publicRoutes.id())
                .destinationCidrBlock("0.0.0.0/0")
                .gatewayId(igw.id())
                .build(), child());
        return publicRoutes;
    }

    /** One NAT gateway in the first public subnet, or one per zone ({@code perAz}). */
    private List<NatGateway> natGateways(NetworkSettings s, List<Subnet> publicSubnets, InternetGateway igw) {
        List<NatGateway> natGateways = new ArrayList<>();
        int natCount = s.natGateways() == NetworkSettings.NatStrategy.PER_AZ ? s.availabilityZoneCount() : 1;
        for (int i = 0; i < natCount; i++) {
            String zone = "az" + (i + 1);
            Eip eip = new Eip(name("nat-eip-" + zone), EipArgs.builder()
                    .domain("vpc").tags(tags("nat-eip-" + zone)).build(), child());
            natGateways.add(new NatGateway(name("nat-" + zone), NatGatewayArgs.builder()
                    .allocationId(eip.id())
                    .subnetId(publicSubnets.get(i).id())
                    .tags(tags("nat-" + zone))
                    .build(), childBuilder().dependsOn(igw).build()));
        }
        return natGateways;
    }

    /** A route table per zone, its default route through the zone's NAT gateway (or the only one). */
    private List<RouteTable> privateRoutes(int zones, Vpc vpc, List<NatGateway> natGateways) {
        List<RouteTable> privateRoutes = new ArrayList<>();
        for (int i = 0; i < zones; i++) {
            String zone = "az" + (i + 1);
            RouteTable table = new RouteTable(name("private-rt-" + zone), RouteTableArgs.builder()
                    .vpcId(vpc.id()).tags(tags("private-rt-" + zone)).build(), child());
            NatGateway nat = natGateways.get(Math.min(i, natGateways.size() - 1));
            new Route(name("private-default-route-" + zone), RouteArgs.builder()
                    .routeTableId(table.id())
                    .destinationCidrBlock("0.0.0.0/0")
                    .natGatewayId(nat.id())
                    .build(), child());
            privateRoutes.add(table);
        }
        return privateRoutes;
    }

    /** The S3 gateway endpoint on the private and database route tables (free, and keeps image layers off NAT). */
    private void s3Endpoint(Vpc vpc, List<RouteTable> privateRoutes, RouteTable databaseRoutes) {
        List<Output<String>> gatewayRouteTables = new ArrayList<>();
        privateRoutes.forEach(t -> gatewayRouteTables.add(t.id()));
        gatewayRouteTables.add(databaseRoutes.id());
        new VpcEndpoint(name("s3-endpoint"), VpcEndpointArgs.builder()
                .vpcId(vpc.id())
                .serviceName("com.amazonaws." + region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(Output.all(gatewayRouteTables))
                .tags(tags("s3-endpoint"))
                .build(), child());
    }

    private List<Subnet> subnets(String tier, List<String> cidrs, Vpc vpc, Output<List<String>> zoneNames,
                                 boolean publicTier, Map<String, String> extraTags) {
        List<Subnet> subnets = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            final int zone = i;
            String part = tier + "-az" + (i + 1);
            Map<String, String> subnetTags = new TreeMap<>(tags(part));
            subnetTags.putAll(extraTags);
            subnets.add(new Subnet(name(part), SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .cidrBlock(cidrs.get(i))
                    .availabilityZone(zoneNames.applyValue(z -> z.get(zone)))
                    // Nodes never get public addresses; only load balancers and NAT gateways live in public subnets.
                    .mapPublicIpOnLaunch(false)
                    .tags(subnetTags)
                    .build(), child()));
        }
        return subnets;
    }

    private void associate(String tier, List<Subnet> subnets, java.util.function.IntFunction<RouteTable> table) {
        for (int i = 0; i < subnets.size(); i++) {
            new RouteTableAssociation(name(tier + "-rta-az" + (i + 1)), RouteTableAssociationArgs.builder()
                    .subnetId(subnets.get(i).id())
                    .routeTableId(table.apply(i).id())
                    .build(), child());
        }
    }

    private void flowLogs(Vpc vpc, int retentionDays, boolean protectKey) {
        String groupName = "/aws/vpc/" + componentName() + "/flow-logs";
        Key key = encryptionKey("flow-logs-key", "Encryption of the VPC flow logs of " + componentName(),
                Optional.of(KeyPolicies.forLogGroup(accountId(), Output.of(region()), groupName)), protectKey,
                componentName() + "-flow-logs");
        LogGroup group = new LogGroup(name("flow-logs"), LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(retentionDays)
                .kmsKeyId(key.arn())
                .tags(tags())
                .build(), child());
        Role role = new Role(name("flow-logs-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .assumeRolePolicy(PolicyDocument.create().trustService("vpc-flow-logs.amazonaws.com").toJson())
                .tags(tags())
                .build(), childBuilder("flow-logs-role", ROLE).build());
        new RolePolicy(name("flow-logs-write"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.create()
                        .allow(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                                group.arn().applyValue(arn -> List.of(arn, arn + ":*")))
                        .toJson())
                .build(), child());
        new FlowLog(name("flow-log"), FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(group.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(60)
                .tags(tags("flow-log"))
                .build(), child());
    }

    private void interfaceEndpoints(NetworkSettings s, Vpc vpc, List<Subnet> privateSubnets) {
        if (s.interfaceEndpoints().isEmpty()) {
            return;
        }
        SecurityGroup endpointsSg = new SecurityGroup(name("endpoints-sg"), SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("HTTPS from inside the VPC to interface endpoints")
                .tags(tags("endpoints-sg"))
                .build(), child());
        new SecurityGroupIngressRule(name("endpoints-https-from-vpc"), SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(endpointsSg.id())
                .cidrIpv4(s.vpcCidr())
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("HTTPS from the VPC")
                .tags(tags())
                .build(), child());
        for (String service : s.interfaceEndpoints()) {
            String part = "endpoint-" + service.replace('.', '-');
            new VpcEndpoint(name(part), VpcEndpointArgs.builder()
                    .vpcId(vpc.id())
                    .serviceName("com.amazonaws." + region() + "." + service)
                    .vpcEndpointType("Interface")
                    .privateDnsEnabled(true)
                    .subnetIds(ids(privateSubnets))
                    .securityGroupIds(endpointsSg.id().applyValue(List::of))
                    .tags(tags(part))
                    .build(), child());
        }
    }

    private static Output<List<String>> ids(List<Subnet> subnets) {
        return Output.all(subnets.stream().map(Subnet::id).toList());
    }
}
