package io.agentplatform.plan;

import java.util.Map;

/** EC2 and VPC: ids with the prefixes AWS uses; a launch template's first version. */
final class Ec2Mocks {
    private Ec2Mocks() {}

    private static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

    static final Map<String, TypeMock> TYPES = Map.ofEntries(
            prefixed("aws:ec2/vpc:Vpc", "vpc-"),
            prefixed("aws:ec2/subnet:Subnet", "subnet-"),
            prefixed("aws:ec2/internetGateway:InternetGateway", "igw-"),
            prefixed("aws:ec2/natGateway:NatGateway", "nat-"),
            prefixed("aws:ec2/eip:Eip", "eipalloc-"),
            prefixed("aws:ec2/routeTable:RouteTable", "rtb-"),
            prefixed("aws:ec2/routeTableAssociation:RouteTableAssociation", "rtbassoc-"),
            prefixed("aws:ec2/securityGroup:SecurityGroup", "sg-"),
            prefixed("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "sg-"),
            prefixed("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "sgr-"),
            prefixed("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "sgr-"),
            prefixed("aws:ec2/flowLog:FlowLog", "fl-"),
            prefixed("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce-"),
            Map.entry(LAUNCH_TEMPLATE, TypeMock.of(TypeMock.prefixedId(LAUNCH_TEMPLATE, "lt-"),
                    (resource, state) -> state.put("latestVersion", 1.0))));

    private static Map.Entry<String, TypeMock> prefixed(String type, String prefix) {
        return Map.entry(type, TypeMock.withPrefixedId(type, prefix));
    }
}
