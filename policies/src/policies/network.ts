/** Network: no world-open data/admin ports, closed default security group, flow logs, IMDSv2, private nodes. */
import { Enforcement } from "../environment";
import { AgentPolicy, describe, dependsOn, ofType, resourcePolicy, ResourceContext, stackPolicy } from "../policy";
import { arr, isAnywhere, isSet, isTrue, num, obj, rangeIncludes, show, strings } from "../util";

export const NT = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    flowLog: "aws:ec2/flowLog:FlowLog",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
} as const;

export const DEFAULT_DATA_PORTS = [5432, 3306, 1433, 1521, 6379, 11211, 27017, 9200, 9300, 9092, 2379, 5672];
export const DEFAULT_ADMIN_PORTS = [22, 3389, 5985, 5986];

interface OpenRule {
    where: string;
    cidr: string;
    protocol: unknown;
    from: unknown;
    to: unknown;
}

/** Every "ingress from anywhere" rule a resource declares, whatever the resource flavour. */
function openIngressRules(r: ResourceContext): OpenRule[] {
    const p = r.props;
    const out: OpenRule[] = [];
    if (r.type === NT.ingressRule) {
        for (const cidr of [p.cidrIpv4, p.cidrIpv6]) {
            if (isAnywhere(cidr)) out.push({ where: "", cidr, protocol: p.ipProtocol, from: p.fromPort, to: p.toPort });
        }
    } else if (r.type === NT.sgRule) {
        if (p.type !== "ingress") return out;
        for (const cidr of [...strings(p.cidrBlocks), ...strings(p.ipv6CidrBlocks)]) {
            if (isAnywhere(cidr)) out.push({ where: "", cidr, protocol: p.protocol, from: p.fromPort, to: p.toPort });
        }
    } else if (r.type === NT.securityGroup) {
        arr(p.ingress).forEach((rule, i) => {
            const o = obj(rule) ?? {};
            for (const cidr of [...strings(o.cidrBlocks), ...strings(o.ipv6CidrBlocks)]) {
                if (isAnywhere(cidr)) out.push({ where: `ingress[${i}] `, cidr, protocol: o.protocol, from: o.fromPort, to: o.toPort });
            }
        });
    }
    return out;
}

function portsPolicy(name: string, what: string, defaults: number[], rationale: string): AgentPolicy {
    return resourcePolicy({
        name,
        description: `Security groups must not allow ingress from 0.0.0.0/0 or ::/0 to ${what} ports.`,
        rationale,
        category: "network",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        configSchema: {
            properties: {
                ports: { type: "array", items: { type: "integer" }, description: `The ${what} ports.`, default: defaults },
            },
        },
        resourceTypes: [NT.ingressRule, NT.sgRule, NT.securityGroup],
        check: (r, report) => {
            const ports = arr(r.config.ports).map(num).filter((n): n is number => n !== undefined);
            for (const rule of openIngressRules(r)) {
                const hit = ports.filter((port) => rangeIncludes(rule.protocol, rule.from, rule.to, port));
                if (hit.length > 0) {
                    report(`${r.subject}: ${rule.where}allows ${rule.cidr} on ports ${show(rule.from)}-${show(rule.to)} (protocol ${show(rule.protocol)}), which includes ${what} port(s) ${hit.join(", ")}; allow only a security group (referencedSecurityGroupId/sourceSecurityGroupId) or a private CIDR.`);
                }
            }
        },
    });
}

export const networkPolicies: AgentPolicy[] = [
    portsPolicy(
        "no-public-ingress-to-data-ports",
        "database/cache",
        DEFAULT_DATA_PORTS,
        "PostgreSQL, Redis and similar services must be reachable only from the workloads that use them, never from the internet.",
    ),
    portsPolicy(
        "no-public-ingress-to-admin-ports",
        "administration (SSH/RDP/WinRM)",
        DEFAULT_ADMIN_PORTS,
        "Nodes are managed through SSM and the Kubernetes API, so world-open SSH/RDP is pure attack surface.",
    ),
    resourcePolicy({
        name: "default-security-group-closed",
        description: "The VPC's default security group must have no ingress or egress rules.",
        rationale: "Anything launched without an explicit security group lands in the default one; keeping it empty makes that mistake fail closed (CIS AWS 5.4).",
        category: "network",
        severity: "medium",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [NT.defaultSecurityGroup],
        check: (r, report) => {
            for (const dir of ["ingress", "egress"]) {
                const rules = arr(r.props[dir]);
                if (rules.length > 0) {
                    report(`${r.subject}: ${dir} has ${rules.length} rule(s); it must be empty.`);
                }
            }
        },
    }),
    stackPolicy({
        name: "vpc-flow-logs-enabled",
        description: "Every VPC must have a flow log capturing ALL traffic.",
        rationale: "Flow logs are the only network-level evidence during an incident, and GuardDuty-style detection relies on them.",
        category: "network",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        check: (s, report) => {
            const logs = ofType(s.resources, NT.flowLog);
            for (const vpc of ofType(s.resources, NT.vpc)) {
                const mine = logs.filter((l) => dependsOn(l, vpc) || (isSet(l.props.vpcId) && l.props.vpcId === vpc.name));
                if (mine.length === 0) {
                    report(`${describe(vpc.type, vpc.name)}: no ${NT.flowLog} refers to this VPC (vpcId/dependency); add one with trafficType ALL.`, vpc.urn);
                    continue;
                }
                if (!mine.some((l) => l.props.trafficType === undefined || l.props.trafficType === "ALL")) {
                    report(`${describe(vpc.type, vpc.name)}: its flow logs capture trafficType ${show(mine.map((l) => l.props.trafficType))}; at least one must capture ALL.`, vpc.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "ec2-imdsv2-required",
        description: "Launch templates must require IMDSv2 with a hop limit of at most 2; EKS node groups must use such a launch template.",
        rationale: "IMDSv1 lets any SSRF in an agent steal the node role's credentials; IMDSv2 session tokens and a low hop limit stop that.",
        category: "network",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [NT.launchTemplate, NT.nodeGroup],
        check: (r, report) => {
            if (r.type === NT.nodeGroup) {
                if (!obj(r.props.launchTemplate)) {
                    report(`${r.subject}: launchTemplate is not set, so IMDSv2 is not enforced on its nodes; attach a launch template with metadataOptions.httpTokens 'required'.`);
                }
                return;
            }
            const md = obj(r.props.metadataOptions) ?? {};
            if (md.httpEndpoint === "disabled") {
                return;
            }
            if (md.httpTokens !== "required") {
                report(`${r.subject}: metadataOptions.httpTokens is ${show(md.httpTokens)}; it must be 'required'.`);
            }
            const hops = num(md.httpPutResponseHopLimit);
            if (hops !== undefined && hops > 2) {
                report(`${r.subject}: metadataOptions.httpPutResponseHopLimit is ${hops}; it must be 1 or 2.`);
            }
        },
    }),
    stackPolicy({
        name: "no-public-node-ips",
        description: "Worker nodes must not get public IP addresses: no public IPs in launch templates, no node groups in public subnets.",
        rationale: "Nodes reach the internet through NAT; a public IP exposes every host port and kubelet to the internet.",
        category: "network",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (s, report) => {
            for (const lt of ofType(s.resources, NT.launchTemplate)) {
                arr(lt.props.networkInterfaces).forEach((ni, i) => {
                    const v = obj(ni)?.associatePublicIpAddress;
                    if (isTrue(v)) {
                        report(`${describe(lt.type, lt.name)}: networkInterfaces[${i}].associatePublicIpAddress is ${show(v)}; it must be false or unset.`, lt.urn);
                    }
                });
            }
            const publicSubnets = ofType(s.resources, NT.subnet).filter((sn) => isTrue(sn.props.mapPublicIpOnLaunch));
            for (const ng of ofType(s.resources, NT.nodeGroup)) {
                const ids = strings(ng.props.subnetIds);
                for (const sn of publicSubnets) {
                    if (dependsOn(ng, sn) || ids.includes(sn.name)) {
                        report(`${describe(ng.type, ng.name)}: subnetIds include public subnet '${sn.name}' (mapPublicIpOnLaunch true); node groups must use private subnets.`, ng.urn);
                    }
                }
            }
        },
    }),
];
