package io.agentplatform.plan;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The provider functions (invokes) the program calls, answered for the mock cloud's account and region. */
final class ProviderFunctionMocks {
    private ProviderFunctionMocks() {}

    private static final Map<String, BiFunction<MockCloud, Map<String, Object>, Map<String, Object>>> FUNCTIONS = Map.of(
            "aws:index/getAvailabilityZones:getAvailabilityZones", (cloud, args) -> availabilityZones(cloud),
            "aws:index/getCallerIdentity:getCallerIdentity", (cloud, args) -> Map.of(
                    "accountId", MockCloud.ACCOUNT,
                    "arn", "arn:aws:sts::" + MockCloud.ACCOUNT + ":assumed-role/deployer/session",
                    "userId", "AROAEXAMPLEID:session", "id", MockCloud.ACCOUNT),
            "aws:index/getPartition:getPartition", (cloud, args) -> Map.of(
                    "partition", "aws", "dnsSuffix", "amazonaws.com", "id", "aws", "reverseDnsPrefix", "com.amazonaws"),
            "aws:index/getRegion:getRegion", (cloud, args) -> Map.of(
                    "name", cloud.region(), "id", cloud.region(), "description", cloud.region(),
                    "endpoint", "ec2." + cloud.region() + ".amazonaws.com"));

    static Map<String, Object> invoke(MockCloud cloud, String token, Map<String, Object> args) {
        var function = FUNCTIONS.get(token);
        if (function == null) {
            throw new IllegalArgumentException("the offline plan has no mock for the provider function " + token
                    + "; add one to " + ProviderFunctionMocks.class.getName());
        }
        return function.apply(cloud, args);
    }

    private static Map<String, Object> availabilityZones(MockCloud cloud) {
        List<String> letters = List.of("a", "b", "c", "d", "e", "f");
        return Map.of(
                "names", letters.stream().map(l -> cloud.region() + l).toList(),
                "zoneIds", letters.stream().map(l -> cloud.regionCode() + "-az" + (letters.indexOf(l) + 1)).toList(),
                "id", cloud.region(), "state", "available");
    }
}
