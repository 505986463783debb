/**
 * The offline runner: environment and level resolution, pack config, the argument objects handed to policies,
 * the committed plan fixtures, and the command line (output format, exit status).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import type { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { Environment, ENVIRONMENTS } from "../src/environment";
import { policies } from "../src/pack";
import { AgentPolicy, resourcePolicy, stackPolicy } from "../src/policy";
import { main } from "../src/runner/cli";
import { evaluatePlan, parsePackConfig, resolvePlanEnvironment } from "../src/runner/evaluate";
import { loadPlan, normalizePlan, PlanError } from "../src/runner/plan";
import { compliant as C, plan, res, withInputs } from "./builders";
import { derivedDir, derivedPlans } from "./derived";
import { committedPlan, PLANS_DIR, realPlan, resourceOf, STACK_OF } from "./stacks";

const PKG = path.resolve(__dirname, "..");
const DERIVED = () => derivedDir();
const REAL = (stack: string) => path.join(PLANS_DIR, `${stack}.json`);

/**
 * Advisory findings the real plans carry on purpose: staging runs one NAT gateway per zone (Pulumi.staging.yaml,
 * network.natGateways), which the pack advises against outside production.
 */
const KNOWN_ADVISORIES: Partial<Record<Environment, string[]>> = {
    staging: ["single-nat-gateway-outside-production", "single-nat-gateway-outside-production"],
};

async function cli(args: string[], cwd = PKG) {
    const out: string[] = [];
    const err: string[] = [];
    const saved = process.env.INIT_CWD;
    process.env.INIT_CWD = cwd;
    try {
        const code = await main(args, (s) => out.push(s), (s) => err.push(s));
        return { code, out: out.join("\n"), err: err.join("\n") };
    } finally {
        if (saved === undefined) delete process.env.INIT_CWD;
        else process.env.INIT_CWD = saved;
    }
}

describe("the real plans of the committed stacks", () => {
    for (const env of ENVIRONMENTS) {
        it(`the ${STACK_OF[env]} stack's plan passes in ${env}, with only the known advisories`, async () => {
            const r = await evaluatePlan(realPlan(env));
            assert.deepEqual(r.errors, []);
            assert.equal(r.environment, env);
            assert.equal(r.mandatory, 0, r.violations.map((v) => v.message).join("\n"));
            assert.deepEqual(r.violations.map((v) => v.policy), KNOWN_ADVISORIES[env] ?? []);
        });
    }
    it("a pr-<n> copy of the template, without an environment in its plan, is ephemeral by its stack name", async () => {
        const r = await evaluatePlan(derivedPlans()["pr-123-pass.json"]);
        assert.equal(r.environment, "ephemeral");
        assert.deepEqual(r.violations, []);
    });
    it("the real production plan with planted problems reports exactly those", async () => {
        const r = await evaluatePlan(loadPlan(path.join(DERIVED(), "production-violations.json")));
        assert.deepEqual(r.violations.map((v) => `${v.level} ${v.policy}`).sort(), [
            "mandatory cloudwatch-logs-encrypted",
            "mandatory k8s-image-pinned",
            "mandatory no-public-ingress-to-data-ports",
            "mandatory production-stateful-protected",
            "mandatory rds-not-publicly-accessible",
            "mandatory rds-storage-encrypted",
        ]);
    });
});

describe("environment and enforcement levels", () => {
    const logGroupWithoutKey = withInputs(C.logGroup("production"), { kmsKeyId: undefined, tags: undefined });
    it("the same finding is mandatory in production and advisory in dev", async () => {
        const prod = await evaluatePlan(plan("production", [logGroupWithoutKey]));
        const dev = await evaluatePlan(plan("dev", [logGroupWithoutKey]));
        const level = (r: typeof prod, name: string) => r.violations.find((v) => v.policy === name)?.level;
        assert.equal(level(prod, "cloudwatch-logs-encrypted"), "mandatory");
        assert.equal(level(dev, "cloudwatch-logs-encrypted"), "advisory");
        assert.equal(prod.levels["rds-deletion-protection"], "mandatory");
        assert.equal(dev.levels["rds-deletion-protection"], undefined, "disabled policies are not evaluated");
    });
    it("environment precedence: --environment, pack config, plan, stack name, production", () => {
        const p = normalizePlan({ stack: "pr-9", environment: "dev", resources: [] });
        assert.equal(resolvePlanEnvironment(p, { policies: {} }, "local").environment, "local");
        assert.equal(resolvePlanEnvironment(p, { environment: "staging", policies: {} }).environment, "staging");
        assert.equal(resolvePlanEnvironment(p, { policies: {} }).environment, "dev");
        assert.equal(resolvePlanEnvironment({ ...p, environment: undefined }, { policies: {} }).environment, "ephemeral");
        const unknown = resolvePlanEnvironment({ ...p, stack: "qa", environment: undefined }, { policies: {} });
        assert.equal(unknown.environment, "production");
        assert.match(unknown.source, /unrecognised/);
        assert.throws(() => resolvePlanEnvironment({ ...p, environment: "qa" }, { policies: {} }), PlanError);
    });
    it("pack config overrides levels per policy and for all, and passes properties", async () => {
        const cfg = parsePackConfig({
            all: "advisory",
            "rds-storage-encrypted": { enforcementLevel: "mandatory" },
            "cloudwatch-logs-retention": { minimumDays: { production: 400 } },
            "kms-key-rotation": "disabled",
        });
        const p = plan("production", [withInputs(C.rds("production"), { storageEncrypted: false }), C.logGroup("production"), withInputs(C.kmsKey("production"), { enableKeyRotation: false })]);
        const r = await evaluatePlan(p, { config: cfg });
        const byPolicy = Object.fromEntries(r.violations.map((v) => [v.policy, v]));
        assert.equal(byPolicy["rds-storage-encrypted"].level, "mandatory");
        assert.equal(byPolicy["cloudwatch-logs-retention"].level, "advisory");
        assert.match(byPolicy["cloudwatch-logs-retention"].message, /retentionInDays is 365; production requires at least 400/);
        assert.equal(byPolicy["kms-key-rotation"], undefined);
        assert.equal(r.mandatory, 1);
    });
    it("config cannot switch a policy on outside its scope (no deletion protection demanded on throw-away stacks)", async () => {
        const cfg = parsePackConfig({ all: "mandatory" });
        const r = await evaluatePlan(realPlan("dev"), { config: cfg });
        assert.equal(r.levels["rds-deletion-protection"], undefined);
        assert.equal(r.levels["production-stateful-protected"], undefined);
        assert.equal(r.levels["rds-multi-az"], "mandatory", "in-scope but off-by-default policies can be switched on");
        // dev's NodePool has no working-hours budget: in scope everywhere, off by default outside production.
        assert.deepEqual(r.violations.map((v) => v.policy).sort(), ["elasticache-high-availability", "elasticache-high-availability", "elasticache-high-availability", "karpenter-nodepool-disruption-budgets", "rds-multi-az"]);
        const prod = await evaluatePlan(realPlan("production"), { config: cfg });
        assert.equal(prod.levels["ephemeral-stack-destroyable"], undefined);
        assert.equal(prod.levels["single-nat-gateway-outside-production"], undefined);
        assert.deepEqual(prod.violations, []);
    });
    it("pack config errors name the problem", () => {
        assert.throws(() => parsePackConfig({ "no-such-policy": "advisory" }), /"no-such-policy" is not a policy/);
        assert.throws(() => parsePackConfig({ "rds-multi-az": "sometimes" }), /enforcement level must be one of/);
        assert.throws(() => parsePackConfig({ environment: "qa" }), /environment "qa" is not one of/);
        assert.equal(parsePackConfig({ "rds-multi-az": "remediate" }).policies["rds-multi-az"].enforcementLevel, "mandatory");
    });
});

describe("arguments handed to policies", () => {
    it("resource and stack validations get @pulumi/policy-shaped args", async () => {
        const seen: { r?: ResourceValidationArgs; s?: StackValidationArgs } = {};
        // The real staging plan, with one public subnet's provider referenced as the engine's state does: <urn>::<id>.
        const real = committedPlan("staging");
        const subnet = resourceOf(real, "aws:ec2/subnet:Subnet", "-network-public-az1");
        const p = { ...real, resources: real.resources.map((r) => (r.urn === subnet.urn ? { ...r, provider: `${r.provider}::aws-provider-id` } : r)) };
        const probeR: AgentPolicy = { ...resourcePolicy({
            name: "probe-r", description: "d", rationale: "r", category: "network", severity: "low",
            enforcementByEnvironment: { production: "mandatory", staging: "mandatory", dev: "mandatory", ephemeral: "mandatory", local: "mandatory" },
            resourceTypes: ["*"], check: () => undefined,
        }), validateResource: (args: ResourceValidationArgs) => { if (args.urn === subnet.urn) seen.r = args; } } as AgentPolicy;
        const probeS = stackPolicy({
            name: "probe-s", description: "d", rationale: "r", category: "network", severity: "low",
            enforcementByEnvironment: { production: "advisory", staging: "advisory", dev: "advisory", ephemeral: "advisory", local: "advisory" },
            check: () => undefined,
        });
        probeS.validateStack = (args: StackValidationArgs) => { seen.s = args; };
        const r = await evaluatePlan(p, { policies: [probeR, probeS], config: parsePackConfig({ "rds-multi-az": { x: 1 } }) });
        assert.deepEqual(r.errors, []);
        const a = seen.r!;
        assert.equal(a.name, subnet.name);
        assert.match(a.urn, /^urn:pulumi:staging::agent-platform::.*aws:ec2\/subnet:Subnet::agent-platform-staging-network-public-/);
        assert.deepEqual(a.props, subnet.inputs, "the planned inputs are the props");
        assert.equal(a.opts.protect, false);
        assert.match(a.opts.parent!, /^urn:pulumi:staging::agent-platform::.*agent-platform:aws:Network::agent-platform-staging-network$/);
        assert.equal(a.provider?.type, "pulumi:providers:aws", "provider reference with ::id suffix is resolved");
        assert.deepEqual(a.getConfig(), { environment: "staging" });
        assert.equal(a.isType({ __pulumiType: "aws:ec2/subnet:Subnet" } as any), true);
        assert.equal(a.isType({ __pulumiType: "aws:ec2/vpc:Vpc" } as any), false);
        assert.equal(a.stackTags.size, 0);
        assert.throws(() => a.notApplicable("x"));
        const s = seen.s!;
        assert.equal(s.resources.length, p.resources.length);
        const ng = s.resources.find((x) => x.type === "aws:eks/nodeGroup:NodeGroup")!;
        const planned = real.resources.find((x) => x.urn === ng.urn)!;
        const byUrn = new Map(real.resources.map((x) => [x.urn, x.name]));
        assert.deepEqual(ng.dependencies.map((d) => d.name).sort(), planned.dependencies.map((d) => byUrn.get(d)).filter((n) => n).sort(),
            "dependencies are resolved to the resources the plan names");
        assert.ok(ng.dependencies.some((d) => d.type === "aws:ec2/subnet:Subnet"), "the node group waits for its subnets");
        assert.equal(s.resources.find((x) => x.urn === subnet.urn)!.parent?.type, "agent-platform:aws:Network");
        assert.equal(s.resources.find((x) => x.type === "aws:rds/instance:Instance")!.opts.protect, false, "staging is destroyable");
    });
    it("a crashing policy is reported as an error and fails the check", async () => {
        const boom = stackPolicy({
            name: "boom", description: "d", rationale: "r", category: "network", severity: "low",
            enforcementByEnvironment: { production: "advisory", staging: "advisory", dev: "advisory", ephemeral: "advisory", local: "advisory" },
            check: () => { throw new Error("kaput"); },
        });
        const r = await evaluatePlan(plan("dev", []), { policies: [boom] });
        assert.equal(r.errors.length, 1);
        assert.match(r.errors[0].error, /kaput/);
    });
    it("policies tolerate odd shapes: JSON text, string booleans, missing inputs", async () => {
        const odd = [
            res("aws:rds/instance:Instance", "odd-db", {}),
            res("aws:eks/cluster:Cluster", "odd-eks", { vpcConfig: JSON.stringify({ endpointPrivateAccess: "true", endpointPublicAccess: "false" }) }),
            res("kubernetes:apps/v1:Deployment", "odd-deploy", { spec: null }),
            res("kubernetes:core/v1:Namespace", "odd-ns", { metadata: "oops" }),
            res("aws:s3/bucketV2:BucketV2", "odd-bucket", { tags: "[secret]" }),
        ];
        for (const env of ENVIRONMENTS) {
            const r = await evaluatePlan(plan(env, odd));
            assert.deepEqual(r.errors, [], env);
        }
        const r = await evaluatePlan(plan("production", odd));
        assert.equal(r.violations.filter((v) => v.policy === "eks-endpoint-restricted").length, 0, "JSON-text vpcConfig with string booleans is understood");
    });
    it("rejects malformed plans with a clear message", () => {
        assert.throws(() => normalizePlan({ resources: {} }), /"resources" must be an array/);
        assert.throws(() => normalizePlan({ resources: [{ type: "x" }] }), /resources\[0\] has no "urn"/);
        assert.throws(() => normalizePlan([]), /expected a JSON object/);
    });
});

describe("command line", () => {
    it("passing plan: exit 0 and a PASS summary", async () => {
        const r = await cli([REAL("dev")]);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /^dev: \d+ policies on \d+ resources: 0 mandatory, 0 advisory violation\(s\) - PASS$/m);
    });
    it("violating plan: exit 1 and one pulumi-preview-like line per violation", async () => {
        const r = await cli([path.join(DERIVED(), "production-violations.json")]);
        assert.equal(r.code, 1);
        assert.match(r.out, /^ {4}mandatory  \[agent-platform\] rds-storage-encrypted  urn:pulumi:production::agent-platform::\S*aws:rds\/instance:Instance::agent-platform-production-database-postgres  aws:rds\/instance:Instance 'agent-platform-production-database-postgres': storageEncrypted is false; it must be true/m);
        assert.match(r.out, /^production: 52 policies on \d+ resources: 6 mandatory, 0 advisory violation\(s\) - FAIL$/m);
        assert.match(r.out, /^1 plan\(s\): 6 mandatory, 0 advisory violation\(s\) - FAIL$/m);
    });
    it("advisory-only findings are printed but exit 0", async () => {
        const r = await cli([path.join(DERIVED(), "dev-advisory.json")]);
        assert.equal(r.code, 0);
        assert.match(r.out, /^ {4}advisory {3}\[agent-platform\] cloudwatch-logs-encrypted  urn:/m);
    });
    it("--config can downgrade the violations to advisory", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policies-"));
        const cfg = path.join(dir, "config.json");
        fs.writeFileSync(cfg, JSON.stringify({ all: "advisory" }));
        const r = await cli(["--config", cfg, path.join(DERIVED(), "production-violations.json")]);
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /0 mandatory, 6 advisory/);
    });
    it("--environment overrides the plan's environment", async () => {
        const r = await cli(["--environment", "production", REAL("dev")]);
        assert.equal(r.code, 1);
        assert.match(r.out, /environment production \(--environment\)/);
        assert.match(r.out, /production-stateful-protected/);
    });
    it("--json prints machine-readable results", async () => {
        const r = await cli(["--json", path.join(DERIVED(), "production-violations.json"), path.join(DERIVED(), "pr-123-pass.json")]);
        assert.equal(r.code, 1);
        const j = JSON.parse(r.out);
        assert.equal(j.passed, false);
        assert.equal(j.mandatory, 6);
        assert.equal(j.plans.length, 2);
        assert.equal(j.plans[1].environment, "ephemeral");
        assert.equal(j.plans[1].environmentSource, "stack name 'pr-123'");
        assert.deepEqual(Object.keys(j.plans[0].violations[0]).sort(), ["description", "level", "message", "policy", "urn"]);
    });
    it("resolves relative paths against INIT_CWD (npm --prefix from the repository root) and expands directories", async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "repo-"));
        fs.mkdirSync(path.join(root, "target", "plan"), { recursive: true });
        fs.copyFileSync(REAL("dev"), path.join(root, "target", "plan", "dev.json"));
        fs.copyFileSync(REAL("staging"), path.join(root, "target", "plan", "staging.json"));
        const r = await cli(["target/plan"], root);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /^2 plan\(s\)/m);
    });
    it("--expect-stacks-from fails when a stack has no plan", async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "repo-"));
        for (const s of ["dev", "production"]) fs.writeFileSync(path.join(root, `Pulumi.${s}.yaml`), "config: {}\n");
        fs.copyFileSync(REAL("dev"), path.join(root, "dev.json"));
        const r = await cli(["--expect-stacks-from", ".", "dev.json"], root);
        assert.equal(r.code, 1);
        assert.match(r.out, /error: stack 'production' \(Pulumi.production.yaml\) has no plan/);
        fs.copyFileSync(REAL("production"), path.join(root, "production.json"));
        assert.equal((await cli(["--expect-stacks-from", ".", "dev.json", "production.json"], root)).code, 0);
    });
    it("bad input exits 2", async () => {
        assert.equal((await cli(["does-not-exist.json"])).code, 2);
        assert.equal((await cli([])).code, 2);
        assert.equal((await cli(["--bogus"])).code, 2);
        assert.equal((await cli(["--environment", "qa", "x.json"])).code, 2);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-"));
        fs.writeFileSync(path.join(dir, "bad.json"), "{not json");
        const r = await cli([path.join(dir, "bad.json")]);
        assert.equal(r.code, 2);
        assert.match(r.err, /not valid JSON/);
    });
    it("--list prints every policy with its levels", async () => {
        const r = await cli(["--list"]);
        assert.equal(r.code, 0);
        for (const p of policies) assert.match(r.out, new RegExp(`^${p.name}\\t`, "m"));
        assert.match(r.out, new RegExp(`^${policies.length} policies$`, "m"));
    });
    it("runs as a process: exit status 1 on mandatory violations, 0 otherwise", () => {
        const run = (file: string) => spawnSync(process.execPath, ["--import", "tsx", "src/runner/cli.ts", file], { cwd: PKG, encoding: "utf8", env: { ...process.env, INIT_CWD: PKG } });
        const bad = run(path.join(DERIVED(), "production-violations.json"));
        assert.equal(bad.status, 1, bad.stderr);
        assert.match(bad.stdout, /FAIL$/m);
        const good = run(REAL("production"));
        assert.equal(good.status, 0, good.stderr);
    });
});
