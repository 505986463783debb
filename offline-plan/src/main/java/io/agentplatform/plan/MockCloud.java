package io.agentplatform.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a real AWS account and cluster would hand back, made up deterministically from each resource's type
 * and name: ids look like AWS ids, ARNs like ARNs, endpoints like {@code host:port}. The same stack therefore gives
 * the same plan on every run, and everything derived from these values (connection strings, trust policies) is
 * meaningful to read and to test.
 */
final class MockCloud {
    /** The account id AWS uses in its own documentation. */
    static final String ACCOUNT = "123456789012";

    private final String region;
    private final Map<String, Map<String, Object>> referencedStacks;

    /**
     * @param referencedStacks outputs of the stacks a StackReference may name, by reference name; secret outputs
     *                         hold stand-in values
     */
    MockCloud(String region, Map<String, Map<String, Object>> referencedStacks) {
        this.region = region;
        this.referencedStacks = referencedStacks;
    }

    String region() {
        return region;
    }

    static String hex(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A physical name the way Pulumi auto-names: the logical name plus seven hex characters. */
    static String autoName(String name) {
        return name + "-" + hex("autoname:" + name, 7);
    }

    /** The id and the computed outputs of a resource, merged over its inputs. */
    Map<String, Object> state(String type, String name, Map<String, Object> inputs, String id) {
        Map<String, Object> state = new LinkedHashMap<>(inputs);
        String physical = stringOr(inputs.get("name"), autoName(name));
        if (type.startsWith("aws:")) {
            state.putIfAbsent("name", physical);
            state.putIfAbsent("arn", arn(type, physical, id));
            state.putIfAbsent("tagsAll", inputs.getOrDefault("tags", Map.of()));
        }
        switch (type) {
            case "aws:eks/cluster:Cluster" -> {
                String clusterId = hex("cluster:" + name, 32).toUpperCase();
                state.put("endpoint", "https://" + clusterId + ".gr7." + region + ".eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", Base64.getEncoder().encodeToString(
                        ("-----BEGIN CERTIFICATE-----\nMOCK-CA-" + clusterId + "\n-----END CERTIFICATE-----\n")
                                .getBytes(StandardCharsets.UTF_8))));
                state.put("identities", List.of(Map.of("oidcs", List.of(Map.of(
                        "issuer", "https://oidc.eks." + region + ".amazonaws.com/id/" + clusterId)))));
                Map<String, Object> vpcConfig = new LinkedHashMap<>(mapOr(inputs.get("vpcConfig")));
                vpcConfig.put("clusterSecurityGroupId", "sg-" + hex("cluster-sg:" + name, 17));
                vpcConfig.put("vpcId", "vpc-" + hex("vpc-of:" + name, 17));
                state.put("vpcConfig", vpcConfig);
                state.put("status", "ACTIVE");
                state.put("platformVersion", "eks.1");
            }
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> {
                String url = stringOr(inputs.get("url"), "https://oidc.eks." + region + ".amazonaws.com/id/MOCK");
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url.replaceFirst("^https://", ""));
            }
            case "aws:rds/instance:Instance" -> {
                String identifier = stringOr(inputs.get("identifier"), physical);
                String address = identifier + "." + hex("rds:" + name, 12) + "." + region + ".rds.amazonaws.com";
                Object port = inputs.getOrDefault("port", 5432.0);
                state.put("identifier", identifier);
                state.put("address", address);
                state.put("port", port);
                state.put("endpoint", address + ":" + ((Number) port).intValue());
                state.put("resourceId", "db-" + hex("rds-resource:" + name, 26).toUpperCase());
                if (Boolean.TRUE.equals(inputs.get("manageMasterUserPassword"))) {
                    state.put("masterUserSecrets", List.of(Map.of(
                            "secretArn", "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:rds!db-"
                                    + uuid("rds-secret:" + name) + "-" + hex("suffix:" + name, 6),
                            "secretStatus", "active",
                            "kmsKeyId", stringOr(inputs.get("masterUserSecretKmsKeyId"), ""))));
                }
            }
            case "aws:elasticache/replicationGroup:ReplicationGroup" -> {
                String groupId = stringOr(inputs.get("replicationGroupId"), physical);
                String suffix = hex("cache:" + name, 6) + "." + regionCode() + ".cache.amazonaws.com";
                state.put("primaryEndpointAddress", "master." + groupId + "." + suffix);
                state.put("readerEndpointAddress", "replica." + groupId + "." + suffix);
                state.putIfAbsent("port", 6379.0);
                state.put("memberClusters", List.of(groupId + "-001"));
            }
            case "aws:kms/key:Key" -> {
                String keyId = uuid("kms:" + name);
                state.put("keyId", keyId);
                state.put("arn", "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + keyId);
            }
            case "aws:eks/nodeGroup:NodeGroup" -> {
                state.put("status", "ACTIVE");
                state.put("resources", List.of(Map.of("autoscalingGroups", List.of(Map.of("name", "eks-" + physical)))));
            }
            case "aws:ec2/launchTemplate:LaunchTemplate" -> state.put("latestVersion", 1.0);
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                String bucket = stringOr(inputs.get("bucket"), physical);
                state.put("bucket", bucket);
                state.put("arn", "arn:aws:s3:::" + bucket);
                state.put("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
            }
            case "aws:ecr/repository:Repository" ->
                    state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + physical);
            default -> { }
        }
        if (type.equals("pulumi:pulumi:StackReference")) {
            // An unknown stack has no outputs, as the service answers for a stack that was never deployed.
            state.put("outputs", referencedStacks.getOrDefault(stringOr(inputs.get("name"), name), Map.of()));
            state.put("secretOutputNames", List.of());
        }
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh")) {
            Map<String, Object> metadata = new LinkedHashMap<>(mapOr(inputs.get("metadata")));
            metadata.putIfAbsent("name", autoName(name));
            metadata.put("uid", uuid("k8s:" + type + ":" + name));
            state.put("metadata", metadata);
        }
        if (type.equals("kubernetes:helm.sh/v3:Release")) {
            String releaseName = stringOr(inputs.get("name"), autoName(name));
            state.put("name", releaseName);
            state.put("status", Map.of("name", releaseName, "namespace", stringOr(inputs.get("namespace"), "default"),
                    "status", "deployed", "version", "1", "chart", stringOr(inputs.get("chart"), ""),
                    "appVersion", stringOr(inputs.get("version"), "")));
        }
        return state;
    }

    /**
     * An AWS-shaped id for the resource types that have recognisable ones; a hash otherwise. An S3 bucket's id is its
     * name, as the provider reports it, so policies and Loki's config name the bucket the plan would create.
     */
    String id(String type, String name, Map<String, Object> inputs) {
        if (type.equals("aws:s3/bucketV2:BucketV2") || type.equals("aws:s3/bucket:Bucket")) {
            return stringOr(inputs.get("bucket"), autoName(name));
        }
        String seed = type + "::" + name;
        String prefix = switch (type) {
            case "aws:ec2/vpc:Vpc" -> "vpc-";
            case "aws:ec2/subnet:Subnet" -> "subnet-";
            case "aws:ec2/internetGateway:InternetGateway" -> "igw-";
            case "aws:ec2/natGateway:NatGateway" -> "nat-";
            case "aws:ec2/eip:Eip" -> "eipalloc-";
            case "aws:ec2/routeTable:RouteTable" -> "rtb-";
            case "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" -> "sg-";
            case "aws:ec2/launchTemplate:LaunchTemplate" -> "lt-";
            case "aws:ec2/flowLog:FlowLog" -> "fl-";
            case "aws:ec2/vpcEndpoint:VpcEndpoint" -> "vpce-";
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                 "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" -> "sgr-";
            case "aws:ec2/routeTableAssociation:RouteTableAssociation" -> "rtbassoc-";
            default -> null;
        };
        if (prefix != null) {
            return prefix + hex(seed, 17);
        }
        if (type.equals("aws:kms/key:Key")) {
            return uuid("kms:" + name);
        }
        return hex(seed, 20);
    }

    private String arn(String type, String physical, String id) {
        String[] token = type.split(":");
        String module = token[1].contains("/") ? token[1].substring(0, token[1].indexOf('/')) : token[1];
        return switch (module) {
            case "iam" -> "arn:aws:iam::" + ACCOUNT + ":" + lowerFirst(token[2]) + "/" + physical;
            case "cloudwatch" -> "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + physical;
            default -> "arn:aws:" + module + ":" + region + ":" + ACCOUNT + ":" + lowerFirst(token[2]) + "/" + id;
        };
    }

    /** The short region code ElastiCache uses in endpoints (eu-west-1 → euw1). */
    private String regionCode() {
        String[] p = region.split("-");
        return p.length < 3 ? region : p[0] + p[1].charAt(0) + p[2];
    }

    static String uuid(String seed) {
        String h = hex(seed, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20, 32);
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String stringOr(Object value, String fallback) {
        return value instanceof String s && !s.isEmpty() ? s : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOr(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Answers the provider functions (invokes) the program calls. */
    Map<String, Object> invoke(String token, Map<String, Object> args) {
        return switch (token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> {
                List<String> letters = List.of("a", "b", "c", "d", "e", "f");
                yield Map.of(
                        "names", letters.stream().map(l -> region + l).toList(),
                        "zoneIds", letters.stream().map(l -> regionCode() + "-az" + (letters.indexOf(l) + 1)).toList(),
                        "id", region, "state", "available");
            }
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "accountId", ACCOUNT, "arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/session",
                    "userId", "AROAEXAMPLEID:session", "id", ACCOUNT);
            case "aws:index/getPartition:getPartition" -> Map.of(
                    "partition", "aws", "dnsSuffix", "amazonaws.com", "id", "aws", "reverseDnsPrefix", "com.amazonaws");
            case "aws:index/getRegion:getRegion" -> Map.of(
                    "name", region, "id", region, "description", region, "endpoint", "ec2." + region + ".amazonaws.com");
            default -> throw new IllegalArgumentException("the offline plan has no mock for the provider function " + token
                    + "; add one to " + MockCloud.class.getName());
        };
    }
}
