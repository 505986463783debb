/**
 * The real plans of the committed stacks (test/fixtures/plans/<stack>.json): target/plan/<stack>.json as
 * scripts/plan.sh writes it, copied by scripts/policy-fixtures.sh. A Java test (PolicyFixturesTest) fails when they
 * no longer match the program, so the pack is tested against what the stacks really deploy.
 */
import * as path from "path";
import { Environment } from "../src/environment";
import { loadPlan, Plan, PlanResource } from "../src/runner/plan";

export const PLANS_DIR = path.join(__dirname, "fixtures", "plans");

/** The committed stack that stands for each environment (pr is the template of the pr-<n> stacks). */
export const STACK_OF: Record<Environment, string> = {
    production: "production", staging: "staging", dev: "dev", local: "local", ephemeral: "pr",
};

export function committedPlan(stack: string): Plan {
    return loadPlan(path.join(PLANS_DIR, `${stack}.json`));
}

/** The real plan of the stack that stands for the environment. */
export function realPlan(env: Environment): Plan {
    return committedPlan(STACK_OF[env]);
}

/** The one resource of the type whose name ends with `suffix` (names carry project and stack in front). */
export function resourceOf(plan: Plan, type: string, suffix: string): PlanResource {
    const found = plan.resources.filter((r) => r.type === type && r.name.endsWith(suffix));
    if (found.length !== 1) throw new Error(`${plan.stack}: expected one ${type} named *${suffix}, found ${found.length}`);
    return found[0];
}
