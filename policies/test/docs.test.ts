import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { policies } from "../src/pack";
import { README, renderPolicyReference, updateReadme } from "../src/runner/docs";
import { evaluatePlan, parsePackConfig } from "../src/runner/evaluate";
import { realPlan } from "./stacks";

describe("documentation", () => {
    const readme = fs.readFileSync(README, "utf8");
    it("README.md carries the current generated policy reference (run `npm run docs`)", () => {
        assert.equal(readme, updateReadme(readme));
        assert.ok(readme.includes(renderPolicyReference()));
    });
    it("README.md names every policy", () => {
        for (const p of policies) assert.ok(readme.includes(`\`${p.name}\``), p.name);
    });
    it("the example policy config is valid and changes the outcome as documented", async () => {
        const raw = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "examples", "policy-config.json"), "utf8"));
        const cfg = parsePackConfig(raw, "examples/policy-config.json");
        const dev = await evaluatePlan(realPlan("dev"), { config: cfg });
        assert.equal(dev.levels["ebs-gp3"], undefined);
        assert.equal(dev.levels["k8s-probes"], "mandatory");
        // the real pr stack runs no AWS instance and keeps no log group: it passes the example's stricter rules...
        assert.deepEqual((await evaluatePlan(realPlan("ephemeral"), { config: cfg })).violations, []);
        // ...while production passes the defaults and fails the example where the example is stricter than
        // Pulumi.production.yaml: the 90-day cache slow log (example minimum 365). Its managed group is m7g, which the
        // example allows; the workers are Karpenter's, chosen by the NodePool's requirements, not listed by type.
        const prod = realPlan("production");
        assert.deepEqual((await evaluatePlan(prod)).violations, []);
        const v = (await evaluatePlan(prod, { config: cfg })).violations;
        assert.deepEqual(v.map((x) => [x.policy, x.level]), [["cloudwatch-logs-retention", "mandatory"]]);
        assert.match(v[0].message, /'agent-platform-production-cache-slow-log': retentionInDays is 90; production requires at least 365/);
    });
});
