import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { policies } from "../src/pack";
import { README, renderPolicyReference, updateReadme } from "../src/runner/docs";
import { evaluatePlan, parsePackConfig } from "../src/runner/evaluate";
import { platform, withInputs } from "./builders";

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
        const dev = await evaluatePlan(platform("dev"), { config: cfg });
        assert.equal(dev.levels["ebs-gp3"], undefined);
        assert.equal(dev.levels["k8s-probes"], "mandatory");
        // production log groups keep 365 days in the builders: exactly the example's minimum.
        assert.deepEqual((await evaluatePlan(platform("production"), { config: cfg })).violations, []);
        // the example allows only t3/t4g in ephemeral stacks: the m7i/r7g-free ephemeral platform passes...
        assert.deepEqual((await evaluatePlan(platform("ephemeral"), { config: cfg })).violations, []);
        // ...while m6i, allowed by default, is not in the example's production list.
        const prod = platform("production");
        const m6i = { ...prod, resources: prod.resources.map((r) => (r.name === "db" ? withInputs(r, { instanceClass: "db.m6i.large" }) : r)) };
        assert.deepEqual((await evaluatePlan(m6i)).violations, []);
        const v = (await evaluatePlan(m6i, { config: cfg })).violations;
        assert.deepEqual(v.map((x) => [x.policy, x.level]), [["allowed-instance-families", "mandatory"]]);
        assert.match(v[0].message, /instanceClass is 'db.m6i.large' \(family m6i\); allowed in production: m7i, m7g, c7i, c7g, r7i, r7g/);
    });
});
