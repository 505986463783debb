/**
 * Environments, how they are recognised, and enforcement levels per environment.
 */

export const ENVIRONMENTS = ["production", "staging", "dev", "ephemeral", "local"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Levels a policy can have in one environment ("disabled" = the policy is not evaluated there). */
export type Level = "mandatory" | "advisory" | "disabled";

export type EnforcementByEnvironment = Readonly<Record<Environment, Level>>;

const M: Level = "mandatory";
const A: Level = "advisory";
const D: Level = "disabled";

/** Enforcement presets; each policy picks one (or spells its own). */
export const Enforcement = {
    /** Mandatory in every shared environment; advisory on a developer's local stack. */
    everywhere: { production: M, staging: M, dev: M, ephemeral: M, local: A },
    /** Mandatory in production and staging, advisory in dev, ephemeral and local stacks. */
    productionAndStaging: { production: M, staging: M, dev: A, ephemeral: A, local: A },
    /** Mandatory in production, advisory in staging, not evaluated elsewhere. */
    productionOnly: { production: M, staging: A, dev: D, ephemeral: D, local: D },
    /** Mandatory on throw-away stacks (dev, ephemeral, local); not evaluated in production/staging. */
    throwAwayOnly: { production: D, staging: D, dev: M, ephemeral: M, local: M },
    /** Mandatory everywhere except production, where it is not evaluated. */
    outsideProduction: { production: D, staging: M, dev: M, ephemeral: M, local: M },
    /** Advisory everywhere (hints, never blocks). */
    advisoryEverywhere: { production: A, staging: A, dev: A, ephemeral: A, local: A },
} satisfies Record<string, EnforcementByEnvironment>;

const ALIASES: Record<string, Environment> = {
    production: "production",
    prod: "production",
    prd: "production",
    staging: "staging",
    stage: "staging",
    stg: "staging",
    dev: "dev",
    development: "dev",
    ephemeral: "ephemeral",
    pr: "ephemeral",
    preview: "ephemeral",
    local: "local",
};

/** Accepts the five environment names (any case) and a few common aliases; anything else → undefined. */
export function normalizeEnvironment(value: unknown): Environment | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    return ALIASES[value.trim().toLowerCase()];
}

/**
 * Derives the environment from a stack name:
 *   production, prod*            → production
 *   staging, staging-*, stage    → staging
 *   dev, dev-*, development      → dev
 *   pr, pr-*, ephemeral*         → ephemeral
 *   local, local-*               → local
 * A fully-qualified name (org/project/stack) is reduced to its last segment.
 * Returns undefined when the name matches none of these.
 */
export function environmentFromStackName(stack: unknown): Environment | undefined {
    if (typeof stack !== "string" || stack.trim() === "") {
        return undefined;
    }
    const s = stack.trim().toLowerCase().split("/").pop() as string;
    if (s === "production" || s.startsWith("prod")) return "production";
    if (s === "staging" || s === "stage" || s.startsWith("staging-")) return "staging";
    if (s === "dev" || s === "development" || s.startsWith("dev-")) return "dev";
    if (s === "pr" || s.startsWith("pr-") || s.startsWith("ephemeral")) return "ephemeral";
    if (s === "local" || s.startsWith("local-")) return "local";
    return undefined;
}

/** The environment that applies when nothing identifies one: the strictest. */
export const FALLBACK_ENVIRONMENT: Environment = "production";

export interface ResolvedEnvironment {
    environment: Environment;
    /** Human-readable origin, printed by the runner and useful in bug reports. */
    source: string;
}

/**
 * Environment of a policy-pack process started by the Pulumi CLI. The CLI passes the stack name
 * (PULUMI_STACK, or PULUMI_NODEJS_STACK on older CLIs) and the stack's configuration (PULUMI_CONFIG, JSON)
 * to the policy pack's process. Order:
 *   1. AGENT_PLATFORM_ENVIRONMENT            (explicit override, the CLI equivalent of the runner's pack config `environment`)
 *   2. stack config `agent-platform:environment`
 *   3. stack name
 *   4. production (fail safe)
 */
export function environmentFromProcess(env: NodeJS.ProcessEnv = process.env): ResolvedEnvironment {
    const explicit = env["AGENT_PLATFORM_ENVIRONMENT"];
    if (explicit !== undefined && explicit !== "") {
        const e = normalizeEnvironment(explicit);
        if (!e) {
            throw new Error(
                `AGENT_PLATFORM_ENVIRONMENT='${explicit}' is not an environment; use one of ${ENVIRONMENTS.join(", ")}`,
            );
        }
        return { environment: e, source: "AGENT_PLATFORM_ENVIRONMENT" };
    }
    const rawConfig = env["PULUMI_CONFIG"];
    if (rawConfig) {
        try {
            const config = JSON.parse(rawConfig) as Record<string, unknown>;
            const e = normalizeEnvironment(config["agent-platform:environment"]);
            if (e) {
                return { environment: e, source: "stack config agent-platform:environment" };
            }
        } catch {
            // Not JSON: ignore, fall through to the stack name.
        }
    }
    const stack = env["PULUMI_STACK"] || env["PULUMI_NODEJS_STACK"];
    const fromName = environmentFromStackName(stack);
    if (fromName) {
        return { environment: fromName, source: `stack name '${stack}'` };
    }
    return {
        environment: FALLBACK_ENVIRONMENT,
        source: stack ? `unrecognised stack name '${stack}', treated as production` : "no stack name, treated as production",
    };
}

let processEnvironment: ResolvedEnvironment | undefined;

/** Environment of this process (memoised); used when a policy's config does not carry `environment`. */
export function currentProcessEnvironment(): ResolvedEnvironment {
    if (!processEnvironment) {
        processEnvironment = environmentFromProcess();
    }
    return processEnvironment;
}
