package io.agentplatform.config;

import java.util.Map;
import java.util.Optional;

/**
 * Availability zones an ordinary account can use per region, so a stack asking for more fails before anything is
 * created. Source: the AWS Regions and Zones page (docs.aws.amazon.com/global-infrastructure), checked 2026-11.
 * A region missing here is allowed with a warning: the zone lookup at deploy time is then the only check.
 */
final class Regions {
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("us-east-1", 6), Map.entry("us-east-2", 3), Map.entry("us-west-1", 2), Map.entry("us-west-2", 4),
            Map.entry("ca-central-1", 3), Map.entry("sa-east-1", 3),
            Map.entry("eu-west-1", 3), Map.entry("eu-west-2", 3), Map.entry("eu-west-3", 3),
            Map.entry("eu-central-1", 3), Map.entry("eu-central-2", 3), Map.entry("eu-north-1", 3),
            Map.entry("eu-south-1", 3), Map.entry("eu-south-2", 3),
            Map.entry("ap-south-1", 3), Map.entry("ap-southeast-1", 3), Map.entry("ap-southeast-2", 3),
            Map.entry("ap-northeast-1", 3), Map.entry("ap-northeast-2", 4), Map.entry("ap-northeast-3", 3));

    private Regions() {}

    static boolean wellFormed(String region) {
        return region.matches("[a-z]{2}(-gov)?-[a-z]+-\\d");
    }

    static Optional<Integer> zones(String region) {
        return Optional.ofNullable(ZONES.get(region));
    }
}
