package io.agentplatform.config;

import io.agentplatform.core.Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and validates {@code cluster.ciAccess}; every problem names the setting, its value and what is allowed. */
final class CiAccessReader {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");

    private CiAccessReader() {}

    /**
     * @param cluster           the {@code cluster} settings object
     * @param publicEndpoint    whether the public endpoint is on
     * @param publicAccessCidrs who may reach it
     * @param adminPrincipalArns principals that already get an access entry (EKS allows one entry per principal)
     */
    static CiAccessSettings read(Settings cluster, boolean publicEndpoint, List<String> publicAccessCidrs,
                                 List<String> adminPrincipalArns) {
        Settings s = cluster.object("ciAccess");
        if (!s.isPresent()) {
            cluster.problem("ciAccess", "<missing>", "state how CI reaches this cluster's API: reach: vpcRunner (with "
                    + "runnerCidrs or runnerSecurityGroupIds) or reach: publicEndpoint (with egressCidrs), and the CI "
                    + "roles (ephemeralRoleArn, planRoleArn, driftRoleArn) from the bootstrap outputs");
            // Reported above; the binder stops before anything uses this value.
            return new CiAccessSettings(CiAccessSettings.Reach.VPC_RUNNER, List.of(), List.of(), List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        CiAccessSettings.Reach reach = s.requiredEnumeration("reach", CiAccessSettings.Reach.class,
                CiAccessSettings.Reach.VPC_RUNNER);
        List<String> runnerCidrs = s.strings("runnerCidrs", List.of());
        List<String> runnerGroups = s.strings("runnerSecurityGroupIds", List.of());
        List<String> egress = s.strings("egressCidrs", List.of());
        Optional<String> ephemeral = roleArn(s, "ephemeralRoleArn", adminPrincipalArns);
        Optional<String> plan = roleArn(s, "planRoleArn", adminPrincipalArns);
        Optional<String> drift = roleArn(s, "driftRoleArn", adminPrincipalArns);
        s.rejectUnknownKeys();

        List<Optional<String>> roles = List.of(ephemeral, plan, drift);
        List<String> given = roles.stream().flatMap(Optional::stream).toList();
        for (String arn : given) {
            if (given.indexOf(arn) != given.lastIndexOf(arn)) {
                s.problem("planRoleArn", "'" + arn + "'", "each CI role appears once (EKS allows one access entry per principal)");
                break;
            }
        }
        if (reach == CiAccessSettings.Reach.VPC_RUNNER) {
            if (runnerCidrs.isEmpty() && runnerGroups.isEmpty()) {
                s.problem("runnerCidrs", "[]", "reach: vpcRunner needs the runners' runnerCidrs or runnerSecurityGroupIds");
            }
            if (!egress.isEmpty()) {
                s.problem("egressCidrs", egress.toString(), "only applies with reach: publicEndpoint");
            }
            cidrs(s, "runnerCidrs", runnerCidrs).stream().filter(Cidr::isAnywhere).forEach(c ->
                    s.problem("runnerCidrs", "'" + c + "'", "must be the runners' own range, not the whole internet"));
            for (int i = 0; i < runnerGroups.size(); i++) {
                if (!SECURITY_GROUP.matcher(runnerGroups.get(i)).matches()) {
                    s.problem("runnerSecurityGroupIds[" + i + "]", "'" + runnerGroups.get(i) + "'",
                            "must be a security group ID such as sg-0123456789abcdef0");
                }
            }
        } else {
            if (!publicEndpoint) {
                cluster.problem("ciAccess.reach", "'publicEndpoint'", "needs endpointPublicAccess: true; or use reach: "
                        + "vpcRunner with a self-hosted runner inside the VPC");
            }
            if (egress.isEmpty()) {
                s.problem("egressCidrs", "[]", "reach: publicEndpoint needs the runners' egress ranges (hosted runners "
                        + "have no fixed addresses: use runners with static egress, or reach: vpcRunner)");
            }
            if (!runnerCidrs.isEmpty() || !runnerGroups.isEmpty()) {
                s.problem("runnerCidrs", runnerCidrs.toString(), "runnerCidrs and runnerSecurityGroupIds only apply with reach: vpcRunner");
            }
            List<Cidr> allowed = publicAccessCidrs.stream().map(Cidr::parse).flatMap(Optional::stream).toList();
            List<Cidr> parsed = cidrs(s, "egressCidrs", egress);
            for (Cidr c : parsed) {
                if (allowed.stream().noneMatch(a -> a.contains(c))) {
                    s.problem("egressCidrs", "'" + c + "'", "is not inside cluster.publicAccessCidrs " + publicAccessCidrs
                            + ", so the API server would refuse these runners; add it there");
                }
            }
        }
        return new CiAccessSettings(reach, runnerCidrs, runnerGroups, egress, ephemeral, plan, drift);
    }

    private static Optional<String> roleArn(Settings s, String key, List<String> admins) {
        Optional<String> arn = Optional.ofNullable(s.string(key, null));
        arn.ifPresent(a -> {
            if (!ROLE_ARN.matcher(a).matches()) {
                s.problem(key, "'" + a + "'", "must be an IAM role ARN from the bootstrap outputs: "
                        + "arn:aws:iam::<12-digit account>:role/<path>/<name>");
            } else if (admins.contains(a)) {
                s.problem(key, "'" + a + "'", "is also in adminPrincipalArns; EKS allows one access entry per principal "
                        + "and CI needs less than cluster-admin");
            }
        });
        return arn;
    }

    private static List<Cidr> cidrs(Settings s, String key, List<String> values) {
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Optional<Cidr> c = Cidr.parse(values.get(i));
            if (c.isEmpty()) {
                s.problem(key + "[" + i + "]", "'" + values.get(i) + "'", "must be an IPv4 CIDR block such as 10.10.200.0/24");
            } else {
                out.add(c.get());
            }
        }
        return out;
    }
}
