/**
 * Building blocks for the pack's policies.
 *
 * Every policy is a plain @pulumi/policy ResourceValidationPolicy or StackValidationPolicy that works on
 * plain property bags (no typed isType(aws.x.Y) helpers), so the very same objects run inside the Pulumi
 * CLI (index.ts) and in the offline runner (src/runner). On top of the @pulumi/policy fields each policy
 * carries its enforcement per environment, a category and a rationale used by the README and the runner.
 */
import type {
    PolicyConfigSchema,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { currentProcessEnvironment, EnforcementByEnvironment, Environment, normalizeEnvironment } from "./environment";
import { Props } from "./util";

export type Category = "data-protection" | "network" | "eks" | "iam" | "kubernetes" | "lifecycle" | "tags-and-cost";

export interface PolicyMeta {
    name: string;
    description: string;
    /** Why the policy exists (README). */
    rationale: string;
    category: Category;
    enforcementByEnvironment: EnforcementByEnvironment;
    /**
     * Environments the policy is meaningful in (default: all). Outside them it never reports, whatever the
     * configured level — e.g. "deletion protection on" must not run on throw-away stacks, where
     * "ephemeral-stack-destroyable" demands the opposite. Its level there must be "disabled".
     */
    scope?: readonly Environment[];
    severity: "low" | "medium" | "high" | "critical";
    configSchema?: PolicyConfigSchema;
}

export type AgentResourcePolicy = ResourceValidationPolicy & PolicyMeta & { resourceTypes: readonly string[] };
export type AgentStackPolicy = StackValidationPolicy & PolicyMeta;
export type AgentPolicy = AgentResourcePolicy | AgentStackPolicy;

/** Whether `policy` is meaningful in `env` (see PolicyMeta.scope). */
export function inScope(policy: PolicyMeta, env: Environment): boolean {
    return !policy.scope || policy.scope.includes(env);
}

export function isStackPolicy(p: AgentPolicy): p is AgentStackPolicy {
    return typeof (p as AgentStackPolicy).validateStack === "function";
}

interface BaseContext {
    /** Environment the stack belongs to. */
    env: Environment;
    /** The policy's configuration: schema defaults overlaid with pack config. */
    config: Record<string, any>;
}

export interface ResourceContext extends BaseContext {
    type: string;
    name: string;
    urn: string;
    props: Props;
    opts: Partial<PolicyResourceOptions> & { retainOnDelete?: boolean };
    provider?: { type: string; props: Props; urn: string; name: string };
    /** "aws:rds/instance:Instance 'agent-db'", the prefix of every message. */
    subject: string;
}

export interface StackContext extends BaseContext {
    resources: PolicyResource[];
}

/** Schema defaults for a policy's config properties. */
export function configDefaults(schema: PolicyConfigSchema | undefined): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(schema?.properties ?? {})) {
        if (v && typeof v === "object" && "default" in v) {
            out[k] = JSON.parse(JSON.stringify((v as any).default));
        }
    }
    return out;
}

function readConfig(getConfig: () => object, schema: PolicyConfigSchema | undefined): Record<string, any> {
    let given: Record<string, any> = {};
    try {
        given = (getConfig() as Record<string, any>) ?? {};
    } catch {
        given = {};
    }
    return { ...configDefaults(schema), ...given };
}

/**
 * The environment a policy evaluates for: the `environment` config value when present (the offline runner
 * always sets it from the plan or its --config file), otherwise the environment of the policy-pack process
 * (AGENT_PLATFORM_ENVIRONMENT, stack config, stack name — see environment.ts).
 */
export function environmentOf(config: Record<string, any>): Environment {
    return normalizeEnvironment(config["environment"]) ?? currentProcessEnvironment().environment;
}

export function describe(type: string, name: string): string {
    return `${type} '${name}'`;
}

export interface ResourcePolicyDefinition extends PolicyMeta {
    /** Type tokens the policy looks at; "*" for every resource. */
    resourceTypes: readonly string[];
    check: (r: ResourceContext, report: (message: string) => void) => void;
}

export function resourcePolicy(def: ResourcePolicyDefinition): AgentResourcePolicy {
    const { check, ...meta } = def;
    const types = new Set(def.resourceTypes);
    return {
        ...meta,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!types.has("*") && !types.has(args.type)) {
                return;
            }
            const config = readConfig(() => args.getConfig<object>(), def.configSchema);
            const env = environmentOf(config);
            if (def.scope && !def.scope.includes(env)) {
                return;
            }
            const ctx: ResourceContext = {
                type: args.type,
                name: args.name,
                urn: args.urn,
                props: (args.props ?? {}) as Props,
                opts: (args.opts ?? {}) as ResourceContext["opts"],
                provider: args.provider as ResourceContext["provider"],
                env,
                config,
                subject: describe(args.type, args.name),
            };
            check(ctx, (message) => reportViolation(message));
        },
    };
}

export interface StackPolicyDefinition extends PolicyMeta {
    check: (s: StackContext, report: (message: string, urn?: string) => void) => void;
}

export function stackPolicy(def: StackPolicyDefinition): AgentStackPolicy {
    const { check, ...meta } = def;
    return {
        ...meta,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = readConfig(() => args.getConfig<object>(), def.configSchema);
            const env = environmentOf(config);
            if (def.scope && !def.scope.includes(env)) {
                return;
            }
            const ctx: StackContext = { resources: args.resources ?? [], env, config };
            check(ctx, (message, urn) => reportViolation(message, urn));
        },
    };
}

/** Resources of the given types (a stack policy helper). */
export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/** True when `r` lists `target` among its direct dependencies. */
export function dependsOn(r: PolicyResource, target: PolicyResource): boolean {
    return (r.dependencies ?? []).some((d) => d && d.urn === target.urn);
}
