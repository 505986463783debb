import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ENVIRONMENTS, environmentFromProcess, environmentFromStackName, normalizeEnvironment } from "../src/environment";
import { policies, policiesForEnvironment } from "../src/pack";
import { isStackPolicy } from "../src/policy";

describe("environment from stack name", () => {
    const table: [string, string | undefined][] = [
        ["production", "production"], ["prod", "production"], ["prod-eu-west-1", "production"], ["acme/agent-platform/production", "production"],
        ["staging", "staging"], ["staging-2", "staging"],
        ["dev", "dev"], ["dev-alice", "dev"],
        ["pr-123", "ephemeral"], ["pr", "ephemeral"], ["ephemeral", "ephemeral"], ["ephemeral-load-test", "ephemeral"],
        ["local", "local"],
        ["qa", undefined], ["", undefined], ["devops", undefined], ["preprod", undefined],
    ];
    for (const [stack, env] of table) {
        it(`${JSON.stringify(stack)} → ${env ?? "unrecognised"}`, () => assert.equal(environmentFromStackName(stack), env));
    }
    it("normalises aliases and rejects unknown names", () => {
        assert.equal(normalizeEnvironment("PROD"), "production");
        assert.equal(normalizeEnvironment("development"), "dev");
        assert.equal(normalizeEnvironment("qa"), undefined);
        assert.equal(normalizeEnvironment(3), undefined);
    });
});

describe("environment of a policy-pack process started by the Pulumi CLI", () => {
    it("uses AGENT_PLATFORM_ENVIRONMENT first", () => {
        const r = environmentFromProcess({ AGENT_PLATFORM_ENVIRONMENT: "staging", PULUMI_STACK: "dev", PULUMI_CONFIG: JSON.stringify({ "agent-platform:environment": "production" }) });
        assert.deepEqual(r, { environment: "staging", source: "AGENT_PLATFORM_ENVIRONMENT" });
    });
    it("rejects an invalid AGENT_PLATFORM_ENVIRONMENT", () => {
        assert.throws(() => environmentFromProcess({ AGENT_PLATFORM_ENVIRONMENT: "qa" }), /AGENT_PLATFORM_ENVIRONMENT='qa' is not an environment/);
    });
    it("then the stack config agent-platform:environment", () => {
        const r = environmentFromProcess({ PULUMI_STACK: "pr-7", PULUMI_CONFIG: JSON.stringify({ "agent-platform:environment": "dev", "aws:region": "eu-west-1" }) });
        assert.equal(r.environment, "dev");
    });
    it("then the stack name (PULUMI_STACK or PULUMI_NODEJS_STACK)", () => {
        assert.equal(environmentFromProcess({ PULUMI_STACK: "pr-7", PULUMI_CONFIG: "not json" }).environment, "ephemeral");
        assert.equal(environmentFromProcess({ PULUMI_NODEJS_STACK: "local" }).environment, "local");
    });
    it("falls back to production (strictest) for unknown or missing stack names", () => {
        assert.equal(environmentFromProcess({ PULUMI_STACK: "qa" }).environment, "production");
        assert.match(environmentFromProcess({ PULUMI_STACK: "qa" }).source, /unrecognised stack name 'qa'/);
        assert.equal(environmentFromProcess({}).environment, "production");
    });
});

describe("pack definition for the Pulumi CLI", () => {
    it("policy names are unique, valid and not the reserved 'all'", () => {
        const names = policies.map((p) => p.name);
        assert.equal(new Set(names).size, names.length);
        for (const n of names) {
            assert.match(n, /^[a-z0-9-]+$/);
            assert.notEqual(n, "all");
        }
    });
    it("every policy declares a level for every environment and a description and rationale", () => {
        for (const p of policies) {
            for (const e of ENVIRONMENTS) assert.ok(["mandatory", "advisory", "disabled"].includes(p.enforcementByEnvironment[e]), `${p.name} ${e}`);
            assert.ok(p.description.length > 10 && p.rationale.length > 10, p.name);
            assert.equal(p.configSchema?.properties?.enforcementLevel, undefined, "enforcementLevel may not be a config property");
        }
    });
    it("policiesForEnvironment sets each policy's default level and keeps the very same validate functions", () => {
        for (const env of ENVIRONMENTS) {
            const forEnv = policiesForEnvironment(env);
            assert.equal(forEnv.length, policies.length);
            forEnv.forEach((p, i) => {
                const original = policies[i];
                assert.equal(p.name, original.name);
                assert.equal(p.enforcementLevel, original.enforcementByEnvironment[env]);
                if (isStackPolicy(original)) assert.equal((p as any).validateStack, original.validateStack);
                else assert.equal((p as any).validateResource, (original as any).validateResource);
            });
        }
    });
    it("RDS deletion protection is mandatory in production, advisory in staging and off in dev", () => {
        const level = (env: (typeof ENVIRONMENTS)[number]) => policiesForEnvironment(env).find((p) => p.name === "rds-deletion-protection")!.enforcementLevel;
        assert.equal(level("production"), "mandatory");
        assert.equal(level("staging"), "advisory");
        assert.equal(level("dev"), "disabled");
    });
});
