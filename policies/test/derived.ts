/**
 * Plans derived from the real plans of the committed stacks (test/fixtures/plans/, see stacks.ts), each with named
 * changes: the negative cases are a real plan with a few properties broken. Built in memory by the tests and written
 * to a temporary directory where the command line needs files; nothing derived is committed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Plan, PlanResource } from "../src/runner/plan";
import { withInputs, withOptions } from "./builders";
import { committedPlan, resourceOf } from "./stacks";

function replace(plan: Plan, target: PlanResource, f: (r: PlanResource) => PlanResource): Plan {
    return { ...plan, resources: plan.resources.map((r) => (r.urn === target.urn ? f(r) : r)) };
}

/** The plan as CI's copy of the pr template for pull request `number` would give it, without an "environment". */
function asPullRequest(pr: Plan, number: number): Plan {
    const stack = `pr-${number}`;
    const renamed = JSON.parse(JSON.stringify(pr).split(`urn:pulumi:${pr.stack}::`).join(`urn:pulumi:${stack}::`)) as Plan;
    const { environment: _derivedFromTheStackName, ...rest } = { ...renamed, stack };
    return rest;
}

/** Six mandatory violations planted in the real production plan, one property (or two on one resource) each. */
function productionViolations(production: Plan): Plan {
    const db = resourceOf(production, "aws:rds/instance:Instance", "-database-postgres");
    const dbIngress = resourceOf(production, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "-database-postgres-from-cluster");
    const agent = resourceOf(production, "kubernetes:apps/v1:Deployment", "-agent-deployment");
    const flowLogs = resourceOf(production, "aws:cloudwatch/logGroup:LogGroup", "-network-flow-logs");
    let bad = replace(production, db, (r) => withOptions(withInputs(r, { storageEncrypted: false, publiclyAccessible: true }), { protect: false }));
    bad = replace(bad, dbIngress, (r) => withInputs(r, { referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0" }));
    bad = replace(bad, agent, (r) => {
        const spec = r.inputs.spec.template.spec;
        const containers = spec.containers.map((c: Record<string, any>) => (c.name === "agent" ? { ...c, image: "agent:latest" } : c));
        return withInputs(r, { spec: { template: { spec: { containers } } } });
    });
    return replace(bad, flowLogs, (r) => withInputs(r, { kmsKeyId: undefined }));
}

/** File name to plan: the pr template as pr-123, dev with one advisory finding, production with six mandatory ones. */
export function derivedPlans(): Record<string, Plan> {
    const dev = committedPlan("dev");
    // Dev with an advisory-only finding (log group without KMS key): exit status 0, finding printed.
    const devAdvisory = replace(dev, resourceOf(dev, "aws:cloudwatch/logGroup:LogGroup", "-network-flow-logs"),
        (r) => withInputs(r, { kmsKeyId: undefined }));
    return {
        "pr-123-pass.json": asPullRequest(committedPlan("pr"), 123),
        "dev-advisory.json": devAdvisory,
        "production-violations.json": productionViolations(committedPlan("production")),
    };
}

let written: string | undefined;

/** The directory holding the derived plans as files (written once per test process), for the command line. */
export function derivedDir(): string {
    if (!written) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-plans-"));
        for (const [file, plan] of Object.entries(derivedPlans())) {
            fs.writeFileSync(path.join(dir, file), JSON.stringify(plan, null, 2) + "\n");
        }
        written = dir;
    }
    return written;
}
