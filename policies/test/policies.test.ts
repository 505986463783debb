/**
 * Per-policy fixtures (test/cases.ts): each passing case yields no violation of the policy, each violating case
 * yields exactly the expected number, at the policy's level for that environment, with the expected message.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { policies } from "../src/pack";
import { isStackPolicy } from "../src/policy";
import { evaluatePlan } from "../src/runner/evaluate";
import { plan } from "./builders";
import { Case, cases } from "./cases";

async function run(policyName: string, c: Case) {
    const policy = policies.find((p) => p.name === policyName)!;
    const config = { policies: c.config ? { [policyName]: { properties: c.config } } : {} };
    const result = await evaluatePlan(plan(c.env, c.resources), { policies: [policy], config });
    assert.deepEqual(result.errors, [], `policy ${policyName} crashed`);
    assert.notEqual(result.levels[policyName], undefined, `${policyName} is disabled in ${c.env}, so this case proves nothing`);
    return { policy, result };
}

describe("every policy has fixtures", () => {
    it("at least one passing and one violating case per policy, and no cases for unknown policies", () => {
        for (const p of policies) {
            assert.ok(cases[p.name], `no cases for ${p.name}`);
            assert.ok(cases[p.name].pass.length >= 1, `no passing case for ${p.name}`);
            assert.ok(cases[p.name].fail.length >= 1, `no violating case for ${p.name}`);
        }
        for (const name of Object.keys(cases)) {
            assert.ok(policies.some((p) => p.name === name), `cases for unknown policy ${name}`);
        }
    });
    it("the pack has at least 30 policies", () => {
        assert.ok(policies.length >= 30, `${policies.length} policies`);
    });
});

for (const p of policies) {
    describe(p.name, () => {
        for (const c of cases[p.name]?.pass ?? []) {
            it(`passes: ${c.title} (${c.env})`, async () => {
                const { result } = await run(p.name, c);
                assert.deepEqual(result.violations.map((v) => v.message), []);
            });
        }
        for (const c of cases[p.name]?.fail ?? []) {
            it(`violates: ${c.title} (${c.env})`, async () => {
                const { policy, result } = await run(p.name, c);
                const expected = c.violations ?? 1;
                assert.equal(result.violations.length, expected, `expected ${expected} violation(s), got:\n${result.violations.map((v) => v.message).join("\n")}`);
                const urns = new Set(c.resources.map((r) => r.urn));
                for (const v of result.violations) {
                    assert.equal(v.policy, p.name);
                    assert.equal(v.level, policy.enforcementByEnvironment[c.env]);
                    assert.ok(v.urn && urns.has(v.urn), `violation should name an offending resource, got ${v.urn}`);
                    if (c.match) assert.match(v.message, c.match);
                    if (!isStackPolicy(policy)) {
                        const r = c.resources.find((x) => x.urn === v.urn)!;
                        assert.ok(v.message.includes(`'${r.name}'`), `message should name the resource: ${v.message}`);
                    }
                }
            });
        }
    });
}
