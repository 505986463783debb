/**
 * Entry point for the Pulumi CLI: `pulumi preview --policy-pack policies`.
 *
 * The environment (and with it every policy's default enforcement level) is resolved once, when the CLI starts
 * this process: AGENT_PLATFORM_ENVIRONMENT, else the stack config value `agent-platform:environment`, else the
 * stack name (PULUMI_STACK), else production. See README.md.
 */
import { PolicyPack } from "@pulumi/policy";
import { currentProcessEnvironment } from "./src/environment";
import { PACK_NAME, policiesForEnvironment } from "./src/pack";

const { environment } = currentProcessEnvironment();

new PolicyPack(PACK_NAME, {
    policies: policiesForEnvironment(environment),
    enforcementLevel: "advisory",
    description: `agent-platform guardrails (environment: ${environment})`,
});
