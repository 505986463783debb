package io.agentplatform.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a platform stack against the dated {@link AwsCatalog} of its region on the plan date, adding every problem
 * at once: an EKS version out of standard support (an error unless {@code cluster.allowExtendedSupport}; a warning
 * within {@link #WARN_DAYS} days of the end), add-on versions the catalog does not list for that EKS version, a
 * database version that can no longer be created or that automatic minor upgrades would fight, cache engine versions
 * and instance classes the catalog does not offer.
 */
final class CatalogChecks {
    /** How long before an end of support the plan starts warning. */
    static final int WARN_DAYS = 60;

    private final String project;
    private final AwsCatalog catalog;
    private final LocalDate on;
    private final Problems problems;
    private final List<String> warnings;

    private CatalogChecks(String project, AwsCatalog catalog, LocalDate on, Problems problems, List<String> warnings) {
        this.project = project;
        this.catalog = catalog;
        this.on = on;
        this.problems = problems;
        this.warnings = warnings;
    }

    static void check(String project, AwsSettings aws, LocalDate planDate, Problems problems, List<String> warnings) {
        Optional<AwsCatalog> catalog = AwsCatalog.forRegion(aws.region());
        if (catalog.isEmpty()) {
            warnings.add("no AWS catalog for " + aws.region() + " (aws-facts/src/main/resources/insights/aws-catalog-" + aws.region()
                    + ".json): EKS, add-on, database and cache versions and instance classes are not checked");
            return;
        }
        CatalogChecks c = new CatalogChecks(project, catalog.get(), planDate, problems, warnings);
        c.cluster(aws.cluster());
        c.database(aws.database());
        c.cache(aws.cache());
        aws.nodeGroups().forEach(c::nodeGroup);
    }

    private String key(String path) {
        return project + ":" + path;
    }

    private String source() {
        return " (AWS catalog " + catalog.region() + " of " + catalog.date() + ", plan date " + on + ")";
    }

    private void cluster(ClusterSettings s) {
        String version = s.kubernetesVersion();
        Optional<AwsCatalog.EksVersion> eks = catalog.eks(version);
        if (eks.isEmpty()) {
            problems.add(key("cluster.kubernetesVersion"), "'" + version + "'", "is not an EKS version the catalog lists: "
                    + catalog.eksVersions().keySet() + source());
            return;
        }
        AwsCatalog.EksVersion v = eks.get();
        String newest = newestInStandardSupport().orElse("a newer version");
        if (!v.inStandardSupport(on) && !v.inExtendedSupport(on)) {
            problems.add(key("cluster.kubernetesVersion"), "'" + version + "'", "left EKS extended support on "
                    + v.endOfExtendedSupport() + "; EKS upgrades such clusters itself. Move to " + newest + source());
        } else if (v.inExtendedSupport(on) && !s.allowExtendedSupport()) {
            problems.add(key("cluster.kubernetesVersion"), "'" + version + "'", "left EKS standard support on "
                    + v.endOfStandardSupport() + " (extended support, at extra cost, runs to " + v.endOfExtendedSupport()
                    + "). Move to " + newest + ", or set cluster.allowExtendedSupport: true to pay for extended support"
                    + source());
        } else if (v.inStandardSupport(on) && !on.plusDays(WARN_DAYS).isBefore(v.endOfStandardSupport())) {
            warnings.add(key("cluster.kubernetesVersion") + " = '" + version + "' leaves EKS standard support on "
                    + v.endOfStandardSupport() + ", within " + WARN_DAYS + " days; plan the upgrade to " + newest);
        } else if (v.inExtendedSupport(on) && !on.plusDays(WARN_DAYS).isBefore(v.endOfExtendedSupport())) {
            warnings.add(key("cluster.kubernetesVersion") + " = '" + version + "' leaves EKS extended support on "
                    + v.endOfExtendedSupport() + ", within " + WARN_DAYS + " days; EKS then upgrades the cluster itself");
        }
        for (Map.Entry<String, String> addon : s.addonVersions().entrySet()) {
            List<String> listed = catalog.addonVersions(version, addon.getKey());
            if (!listed.contains(addon.getValue())) {
                problems.add(key("cluster.addonVersions." + addon.getKey()), "'" + addon.getValue() + "'",
                        "is not a version the catalog lists for Kubernetes " + version + ": "
                                + (listed.isEmpty() ? "none listed" : listed) + source());
            }
        }
    }

    private Optional<String> newestInStandardSupport() {
        return catalog.eksVersions().values().stream().filter(v -> v.inStandardSupport(on))
                .map(AwsCatalog.EksVersion::version).reduce((a, b) -> b);
    }

    private void database(DatabaseSettings s) {
        if (!catalog.instanceClasses("rds").contains(s.instanceClass())) {
            instanceClass("database.instanceClass", s.instanceClass(), "rds");
        }
        String version = s.engineVersion();
        String major = s.majorVersion();
        Optional<LocalDate> majorEnd = catalog.postgresMajorEnd(major);
        String setting = key("database.engineVersion");
        if (majorEnd.isEmpty()) {
            problems.add(setting, "'" + version + "'", "PostgreSQL " + major + " is not in the catalog; majors: "
                    + catalog.postgresMajors() + source());
            return;
        }
        if (!on.isBefore(majorEnd.get())) {
            problems.add(setting, "'" + version + "'", "PostgreSQL " + major + " left RDS standard support on "
                    + majorEnd.get() + source());
        }
        List<String> creatable = catalog.creatablePostgresMinors(major, on);
        if (!version.contains(".")) {
            if (creatable.isEmpty()) {
                problems.add(setting, "'" + version + "'", "no PostgreSQL " + major + " minor can be created" + source());
            }
            if (!s.autoMinorVersionUpgrade()) {
                problems.add(key("database.autoMinorVersionUpgrade"), "false", "a major-only engineVersion ('" + version
                        + "') lets RDS choose and update the minor, which needs autoMinorVersionUpgrade: true; "
                        + "or pin a minor (" + creatable + ")");
            }
            return;
        }
        Optional<AwsCatalog.PostgresMinor> minor = Optional.ofNullable(catalog.postgresMinors().get(version));
        if (minor.isEmpty()) {
            problems.add(setting, "'" + version + "'", "is not a PostgreSQL version the catalog lists; pin the major ('"
                    + major + "') or one of " + creatable + source());
        } else if (!minor.get().creatableOn(on)) {
            problems.add(setting, "'" + version + "'", "RDS no longer creates instances on " + version + " (since "
                    + minor.get().creatableUntil().orElseThrow() + "); pin the major ('" + major + "') or one of "
                    + creatable + source());
        } else if (s.autoMinorVersionUpgrade()) {
            problems.add(setting, "'" + version + "'", "with autoMinorVersionUpgrade: true RDS moves the instance past "
                    + version + " and the next pulumi up would try to go back; pin the major ('" + major
                    + "') or set autoMinorVersionUpgrade: false");
        }
    }

    private void cache(CacheSettings s) {
        String engine = s.engine().name().toLowerCase(Locale.ROOT);
        List<String> versions = catalog.cacheVersions(engine);
        if (!versions.contains(s.engineVersion())) {
            problems.add(key("cache.engineVersion"), "'" + s.engineVersion() + "'", "is not an ElastiCache " + engine
                    + " version the catalog lists: " + versions + source());
        }
        if (!catalog.instanceClasses("elasticache").contains(s.nodeType())) {
            instanceClass("cache.nodeType", s.nodeType(), "elasticache");
        }
    }

    private void nodeGroup(String name, NodeGroupSettings s) {
        for (int i = 0; i < s.instanceTypes().size(); i++) {
            if (!catalog.instanceClasses("ec2").contains(s.instanceTypes().get(i))) {
                instanceClass("nodeGroups." + name + ".instanceTypes[" + i + "]", s.instanceTypes().get(i), "ec2");
            }
        }
    }

    private void instanceClass(String path, String value, String service) {
        problems.add(key(path), "'" + value + "'", "is not an instance class the catalog allows: "
                + catalog.instanceClasses(service) + source() + "; add it to the catalog and the price table together");
    }
}
