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

    static final Setting<CiAccessSettings.Reach> REACH = Setting.choice("reach", CiAccessSettings.Reach.class,
            Default.required("one of " + Settings.enumChoices(CiAccessSettings.Reach.class), CiAccessSettings.Reach.VPC_RUNNER),
            "how CI reaches the API").rule("`publicEndpoint` needs `endpointPublicAccess: true`");
    static final Setting<List<String>> RUNNER_CIDRS = Setting.texts("runnerCidrs", Default.of(List.of()),
            "`vpcRunner`: runners' ranges inside the VPC; the cluster security group admits HTTPS from each")
            .type("list of CIDR").rule("not `0.0.0.0/0`");
    static final Setting<List<String>> RUNNER_GROUPS = Setting.texts("runnerSecurityGroupIds", Default.of(List.of()),
            "`vpcRunner`: runners' security groups, admitted the same way; one of the two lists is required")
            .type("list of `sg-…`");
    static final Setting<List<String>> EGRESS = Setting.texts("egressCidrs", Default.of(List.of()),
            "`publicEndpoint`: required; each inside `publicAccessCidrs` (hosted runners have no fixed egress)")
            .type("list of CIDR");
    static final Setting<Optional<String>> EPHEMERAL_ROLE = role("ephemeralRoleArn", "the preview role; "
            + "`AmazonEKSEditPolicy` scoped to namespaces `agent-pr-*` (the cluster hosting `pr-<n>` stacks)");
    static final Setting<Optional<String>> PLAN_ROLE = role("planRoleArn", "`AmazonEKSViewPolicy`, cluster scope");
    static final Setting<Optional<String>> DRIFT_ROLE = role("driftRoleArn", "`AmazonEKSViewPolicy`, cluster scope");

    static final Section SECTION = new Section("cluster.ciAccess", "How CI reaches this cluster's API and which CI "
            + "roles get access", Section.PLATFORM, List.of(REACH, RUNNER_CIDRS, RUNNER_GROUPS, EGRESS, EPHEMERAL_ROLE,
            PLAN_ROLE, DRIFT_ROLE)).absent("required").withNotes("The CI roles come from the bootstrap program's outputs "
            + "(`previewRoleArn`, `planRoleArns`, `driftRoleArns`); each gets\nan EKS access entry with the narrowest "
            + "access policy it needs; none may repeat another or appear in `adminPrincipalArns`. See [ci.md](ci.md) "
            + "\"Cluster access\".");

    private static Setting<Optional<String>> role(String name, String description) {
        return Setting.optionalText(name, description).type("IAM role ARN");
    }

    private CiAccessReader() {}

    /**
     * @param cluster           the {@code cluster} settings object
     * @param publicEndpoint    whether the public endpoint is on
     * @param publicAccessCidrs who may reach it
     * @param adminPrincipalArns principals that already get an access entry (EKS allows one entry per principal)
     */
    static CiAccessSettings read(Settings cluster, boolean publicEndpoint, List<String> publicAccessCidrs,
                                 List<String> adminPrincipalArns) {
        Settings s = cluster.object(SECTION.name());
        if (!s.isPresent()) {
            cluster.problem("ciAccess", "<missing>", "state how CI reaches this cluster's API: reach: vpcRunner (with "
                    + "runnerCidrs or runnerSecurityGroupIds) or reach: publicEndpoint (with egressCidrs), and the CI "
                    + "roles (ephemeralRoleArn, planRoleArn, driftRoleArn) from the bootstrap outputs");
            // Reported above; the binder stops before anything uses this value.
            return new CiAccessSettings(CiAccessSettings.Reach.VPC_RUNNER, List.of(), List.of(), List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        CiAccessSettings.Reach reach = s.read(REACH);
        List<String> runnerCidrs = s.read(RUNNER_CIDRS);
        List<String> runnerGroups = s.read(RUNNER_GROUPS);
        List<String> egress = s.read(EGRESS);
        Optional<String> ephemeral = roleArn(s, EPHEMERAL_ROLE, adminPrincipalArns);
        Optional<String> plan = roleArn(s, PLAN_ROLE, adminPrincipalArns);
        Optional<String> drift = roleArn(s, DRIFT_ROLE, adminPrincipalArns);
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
            checkVpcRunner(s, runnerCidrs, runnerGroups, egress);
        } else {
            checkPublicEndpoint(cluster, s, publicEndpoint, publicAccessCidrs, runnerCidrs, runnerGroups, egress);
        }
        return new CiAccessSettings(reach, runnerCidrs, runnerGroups, egress, ephemeral, plan, drift);
    }

    private static void checkVpcRunner(Settings s, List<String> runnerCidrs, List<String> runnerGroups,
                                       List<String> egress) {
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
    }

    private static void checkPublicEndpoint(Settings cluster, Settings s, boolean publicEndpoint,
                                            List<String> publicAccessCidrs, List<String> runnerCidrs,
                                            List<String> runnerGroups, List<String> egress) {
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

    private static Optional<String> roleArn(Settings s, Setting<Optional<String>> setting, List<String> admins) {
        String key = setting.name();
        Optional<String> arn = s.read(setting);
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
