package io.agentplatform.config;

import io.agentplatform.core.Cidr;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentplatform.config.Default.byKind;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code cluster} ({@link ClusterSettings}) and how they are read. */
final class ClusterSection {
    static final Setting<String> VERSION = Setting.text("kubernetesVersion", Default.required("an EKS minor version "
            + "such as 1.35", ""), "an EKS version of the AWS catalog in standard support on the plan date; within 60 "
            + "days of its end, a warning").check("an EKS minor version such as `1.35`", (s, n, v) -> {
                if (!v.isEmpty() && !v.matches("1\\.\\d+")) {
                    s.problem(n, "'" + v + "'", "must be an EKS minor version such as 1.35");
                }
            });
    static final Setting<Boolean> EXTENDED_SUPPORT = Setting.bool("allowExtendedSupport", of(false),
            "accept a version past standard support (still in extended support): upgrade policy `EXTENDED`, priced at "
                    + "the extended-support rate; `false` keeps `STANDARD` (EKS upgrades the cluster itself at the end)");
    static final Setting<Boolean> PUBLIC_ENDPOINT = Setting.bool("endpointPublicAccess", of(false),
            "the API server is reachable from the internet (the private endpoint is always on)");
    static final Setting<List<String>> PUBLIC_CIDRS = Setting.texts("publicAccessCidrs", of(List.of()),
            "who may reach the public endpoint").type("list of CIDR")
            .rule("required when the endpoint is public, refused otherwise; production refuses `0.0.0.0/0`");
    static final Setting<Integer> LOG_DAYS = Setting.retention("logRetentionDays", of(90),
            "CloudWatch retention of control-plane logs");
    static final Setting<ClusterSettings.AuthenticationMode> AUTH_MODE = Setting.choice("authenticationMode",
            ClusterSettings.AuthenticationMode.class, of(ClusterSettings.AuthenticationMode.API),
            "access entries, not the aws-auth ConfigMap alone");
    static final Setting<List<String>> ADMINS = Setting.texts("adminPrincipalArns", of(List.of()),
            "IAM roles/users granted cluster-admin through access entries").type("list of IAM ARNs")
            .check("role/user ARNs", (s, n, v) -> {
                for (int i = 0; i < v.size(); i++) {
                    if (!v.get(i).matches("arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]+")) {
                        s.problem(n + "[" + i + "]", "'" + v.get(i) + "'",
                                "must be an IAM role or user ARN: arn:aws:iam::<12-digit account>:role/<name>");
                    }
                }
            });
    static final Setting<Map<String, String>> ADDONS = Setting.textMap("addonVersions",
            "pinned EKS add-on versions; they follow the Kubernetes version, so they live beside it")
            .rule("required: exact versions (`v1.19.5-eksbuild.1`) for " + String.join(", ",
                    ClusterSettings.REQUIRED_ADDONS) + ", each one the AWS catalog lists for `kubernetesVersion`");
    static final Setting<Boolean> PROTECT = Setting.bool("protect", byKind(EnvironmentKind::holdsValuableData),
            "Pulumi `protect` on the cluster and its secrets key");

    static final Section SECTION = new Section("cluster", "The EKS control plane and its add-ons", Section.PLATFORM,
            List.of(VERSION, EXTENDED_SUPPORT, PUBLIC_ENDPOINT, PUBLIC_CIDRS, LOG_DAYS, AUTH_MODE, ADMINS, ADDONS,
                    PROTECT)).absent("required on platform stacks").with(CiAccessReader.SECTION);

    private ClusterSection() {}

    static ClusterSettings read(Settings s) {
        ClusterSettings.Builder b = ClusterSettings.builder().kubernetesVersion(s.read(VERSION))
                .allowExtendedSupport(s.read(EXTENDED_SUPPORT))
                .endpointPublicAccess(s.read(PUBLIC_ENDPOINT)).publicAccessCidrs(s.read(PUBLIC_CIDRS));
        checkPublicAccess(s, s.get(PUBLIC_ENDPOINT), s.get(PUBLIC_CIDRS));
        b.logRetentionDays(s.read(LOG_DAYS)).authenticationMode(s.read(AUTH_MODE)).adminPrincipalArns(s.read(ADMINS))
                .addonVersions(s.read(ADDONS));
        checkAddons(s, s.get(VERSION), s.get(ADDONS));
        b.protect(s.read(PROTECT));
        b.ciAccess(CiAccessReader.read(s, s.get(PUBLIC_ENDPOINT), s.get(PUBLIC_CIDRS), s.get(ADMINS)));
        s.rejectUnknownKeys();
        return b.build();
    }

    private static void checkPublicAccess(Settings s, boolean publicEndpoint, List<String> publicCidrs) {
        if (publicEndpoint && publicCidrs.isEmpty()) {
            s.problem(PUBLIC_CIDRS.name(), "[]", "the public endpoint is on, so list who may reach it (CIDR blocks)");
        }
        if (!publicEndpoint && !publicCidrs.isEmpty()) {
            s.problem(PUBLIC_CIDRS.name(), publicCidrs.toString(), "only applies when endpointPublicAccess is true");
        }
        for (int i = 0; i < publicCidrs.size(); i++) {
            Optional<Cidr> c = Cidr.parse(publicCidrs.get(i));
            String where = PUBLIC_CIDRS.name() + "[" + i + "]";
            if (c.isEmpty()) {
                s.problem(where, "'" + publicCidrs.get(i) + "'", "must be an IPv4 CIDR block");
            } else if (c.get().isAnywhere() && s.kind() == EnvironmentKind.PRODUCTION) {
                s.problem(where, "'" + publicCidrs.get(i) + "'",
                        "production refuses a Kubernetes API open to the whole internet; list your office/VPN ranges");
            }
        }
    }

    /** Versions are checked against the dated AWS catalog later ({@link CatalogChecks}); here, presence and form. */
    private static void checkAddons(Settings s, String version, Map<String, String> addons) {
        for (String addon : ClusterSettings.REQUIRED_ADDONS) {
            String v = addons.get(addon);
            if (v == null) {
                s.problem("addonVersions." + addon, "<missing>", "pin the add-on version for Kubernetes " + version
                        + " (aws eks describe-addon-versions --addon-name " + addon + ")");
            } else if (!v.matches("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+")) {
                s.problem("addonVersions." + addon, "'" + v + "'", "must be an exact EKS add-on version like v1.19.5-eksbuild.1");
            }
        }
        for (String addon : addons.keySet()) {
            if (!ClusterSettings.REQUIRED_ADDONS.contains(addon)) {
                s.problem("addonVersions." + addon, "'" + addons.get(addon) + "'", "unknown add-on; managed add-ons are "
                        + ClusterSettings.REQUIRED_ADDONS);
            }
        }
    }
}
