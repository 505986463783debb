/**
 * Offline evaluation: calls every policy's own validateResource / validateStack with argument objects shaped
 * like the ones @pulumi/policy builds inside the Pulumi CLI, and collects the reported violations.
 */
import type {
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import {
    ENVIRONMENTS, Environment, environmentFromStackName, FALLBACK_ENVIRONMENT, Level, normalizeEnvironment,
} from "../environment";
import { PACK_NAME, policies as allPolicies } from "../pack";
import { AgentPolicy, inScope, isStackPolicy } from "../policy";
import { Plan, PlanError, PlanResource } from "./plan";

export type ReportedLevel = "mandatory" | "advisory";

export interface Violation {
    policy: string;
    level: ReportedLevel;
    /** URN of the offending resource; undefined for a stack-wide violation. */
    urn?: string;
    message: string;
    description: string;
}

export interface PolicyError {
    policy: string;
    urn?: string;
    error: string;
}

export interface PlanResult {
    project?: string;
    stack?: string;
    environment: Environment;
    environmentSource: string;
    resources: number;
    /** Policies evaluated (not disabled) and their level. */
    levels: Record<string, Level>;
    violations: Violation[];
    errors: PolicyError[];
    mandatory: number;
    advisory: number;
}

/**
 * Pack configuration, the same shape as Pulumi's --policy-pack-config file plus a top-level `environment`:
 *   { "environment": "production",
 *     "all": "advisory",
 *     "rds-multi-az": "disabled",
 *     "allowed-instance-families": { "enforcementLevel": "mandatory", "allowedFamilies": { ... } } }
 */
export interface PackConfig {
    environment?: Environment;
    all?: Level;
    policies: Record<string, { enforcementLevel?: Level; properties: Record<string, unknown> }>;
}

const LEVELS = ["mandatory", "advisory", "disabled", "remediate"];

function toLevel(value: unknown, where: string): Level {
    if (typeof value !== "string" || !LEVELS.includes(value)) {
        throw new PlanError(`${where}: enforcement level must be one of mandatory, advisory, disabled (got ${JSON.stringify(value)})`);
    }
    // As in the CLI, a "remediate" policy without remediation reports as mandatory.
    return value === "remediate" ? "mandatory" : (value as Level);
}

export function parsePackConfig(raw: unknown, where = "config", policies: readonly AgentPolicy[] = allPolicies): PackConfig {
    const out: PackConfig = { policies: {} };
    if (raw === undefined || raw === null) return out;
    if (typeof raw !== "object" || Array.isArray(raw)) {
        throw new PlanError(`${where}: expected a JSON object`);
    }
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        if (key === "environment") {
            const env = normalizeEnvironment(value);
            if (!env) throw new PlanError(`${where}: environment ${JSON.stringify(value)} is not one of ${ENVIRONMENTS.join(", ")}`);
            out.environment = env;
            continue;
        }
        const level = typeof value === "string" ? value : (value as any)?.enforcementLevel;
        if (key === "all") {
            out.all = toLevel(level, `${where}: all`);
            continue;
        }
        if (!policies.some((p) => p.name === key)) {
            throw new PlanError(`${where}: "${key}" is not a policy of this pack (see npm run list)`);
        }
        if (typeof value === "string") {
            out.policies[key] = { enforcementLevel: toLevel(value, `${where}: ${key}`), properties: {} };
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            out.policies[key] = {
                enforcementLevel: enforcementLevel === undefined ? undefined : toLevel(enforcementLevel, `${where}: ${key}.enforcementLevel`),
                properties,
            };
        } else {
            throw new PlanError(`${where}: "${key}" must be an enforcement level or an object`);
        }
    }
    return out;
}

/** Environment for a plan: --environment, else config `environment`, else plan `environment`, else stack name. */
export function resolvePlanEnvironment(plan: Plan, config: PackConfig, override?: Environment): { environment: Environment; source: string } {
    if (override) return { environment: override, source: "--environment" };
    if (config.environment) return { environment: config.environment, source: "pack config" };
    if (plan.environment !== undefined) {
        const e = normalizeEnvironment(plan.environment);
        if (!e) throw new PlanError(`plan environment ${JSON.stringify(plan.environment)} is not one of ${ENVIRONMENTS.join(", ")}`);
        return { environment: e, source: "plan" };
    }
    const fromName = environmentFromStackName(plan.stack);
    if (fromName) return { environment: fromName, source: `stack name '${plan.stack}'` };
    return { environment: FALLBACK_ENVIRONMENT, source: `unrecognised stack name ${JSON.stringify(plan.stack ?? null)}, treated as production` };
}

/**
 * Effective level: "disabled" outside the policy's scope; else per-policy config, else config `all`, else the
 * policy's default for the environment.
 */
export function effectiveLevel(policy: AgentPolicy, env: Environment, config: PackConfig): Level {
    if (!inScope(policy, env)) return "disabled";
    return config.policies[policy.name]?.enforcementLevel ?? config.all ?? policy.enforcementByEnvironment[env];
}

const EMPTY_TAGS: ReadonlyMap<string, string> = new Map();

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "not applicable");
}

function typeOfClass(resourceClass: unknown): string | undefined {
    return (resourceClass as any)?.__pulumiType;
}

function policyOptions(r: PlanResource): PolicyResourceOptions & { retainOnDelete: boolean; dependsOn: string[] } {
    const o = r.options;
    return {
        protect: o.protect === true,
        ignoreChanges: Array.isArray(o.ignoreChanges) ? (o.ignoreChanges as string[]) : [],
        deleteBeforeReplace: o.deleteBeforeReplace === true,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent ?? undefined,
        retainOnDelete: o.retainOnDelete === true,
        dependsOn: Array.isArray(o.dependsOn) ? (o.dependsOn as string[]) : [],
    };
}

/** Provider references may be "urn" or "urn::id". */
function findProvider(byUrn: Map<string, PlanResource>, ref: string | null): PlanResource | undefined {
    if (!ref) return undefined;
    const direct = byUrn.get(ref);
    if (direct) return direct;
    const i = ref.lastIndexOf("::");
    return i > 0 ? byUrn.get(ref.slice(0, i)) : undefined;
}

function buildStackResources(plan: Plan): PolicyResource[] {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const out = new Map<string, PolicyResource>();
    for (const r of plan.resources) {
        const provider = findProvider(byUrn, r.provider);
        const pr: PolicyResource = {
            type: r.type,
            props: r.inputs,
            urn: r.urn,
            name: r.name,
            opts: policyOptions(r),
            provider: provider ? { type: provider.type, props: provider.inputs, urn: provider.urn, name: provider.name } : undefined,
            parent: undefined,
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: unknown) => typeOfClass(cls) === r.type,
            asType: ((cls: unknown) => (typeOfClass(cls) === r.type ? (r.inputs as any) : undefined)) as PolicyResource["asType"],
        };
        out.set(r.urn, pr);
    }
    for (const r of plan.resources) {
        const pr = out.get(r.urn)!;
        pr.parent = r.parent ? out.get(r.parent) : undefined;
        const deps = new Set([...r.dependencies, ...(Array.isArray(r.options.dependsOn) ? (r.options.dependsOn as string[]) : [])]);
        pr.dependencies = [...deps].map((u) => out.get(u)).filter((x): x is PolicyResource => x !== undefined);
    }
    return [...out.values()];
}

export interface EvaluateOptions {
    config?: PackConfig;
    environment?: Environment;
    policies?: readonly AgentPolicy[];
}

export async function evaluatePlan(plan: Plan, options: EvaluateOptions = {}): Promise<PlanResult> {
    const config = options.config ?? { policies: {} };
    const policies = options.policies ?? allPolicies;
    const { environment, source } = resolvePlanEnvironment(plan, config, options.environment);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const stackResources = buildStackResources(plan);

    const result: PlanResult = {
        project: plan.project,
        stack: plan.stack,
        environment,
        environmentSource: source,
        resources: plan.resources.length,
        levels: {},
        violations: [],
        errors: [],
        mandatory: 0,
        advisory: 0,
    };

    for (const policy of policies) {
        const level = effectiveLevel(policy, environment, config);
        if (level === "disabled") continue;
        result.levels[policy.name] = level;
        const props = config.policies[policy.name]?.properties ?? {};
        const getConfig = <T extends object>() => ({ ...props, environment }) as unknown as T;
        const collector = (fallbackUrn?: string): ReportViolation => (message: unknown, urn?: string) => {
            // Accept the object form @pulumi/policy's server also accepts.
            const m = typeof message === "object" && message !== null ? (message as any) : { message };
            result.violations.push({
                policy: policy.name,
                level,
                urn: fallbackUrn ?? m.urn ?? urn,
                message: String(m.message ?? policy.description),
                description: policy.description,
            });
        };

        if (isStackPolicy(policy)) {
            const args: StackValidationArgs = { resources: stackResources, stackTags: EMPTY_TAGS, getConfig, notApplicable };
            try {
                await Promise.resolve(policy.validateStack(args, collector()));
            } catch (e) {
                if (!(e instanceof NotApplicable)) result.errors.push({ policy: policy.name, error: (e as Error).stack ?? String(e) });
            }
            continue;
        }

        const validations: ResourceValidation[] = Array.isArray(policy.validateResource)
            ? policy.validateResource
            : policy.validateResource ? [policy.validateResource] : [];
        for (const r of plan.resources) {
            const provider = findProvider(byUrn, r.provider);
            const args: ResourceValidationArgs = {
                type: r.type,
                props: r.inputs,
                urn: r.urn,
                name: r.name,
                opts: policyOptions(r),
                provider: provider ? { type: provider.type, props: provider.inputs, urn: provider.urn, name: provider.name } : undefined,
                stackTags: EMPTY_TAGS,
                isType: (cls: unknown) => typeOfClass(cls) === r.type,
                asType: ((cls: unknown) => (typeOfClass(cls) === r.type ? r.inputs : undefined)) as ResourceValidationArgs["asType"],
                getConfig,
                notApplicable,
            };
            for (const validate of validations) {
                try {
                    // As in the CLI, a resource policy's violations always belong to the resource under validation.
                    await Promise.resolve(validate(args, collector(r.urn)));
                } catch (e) {
                    if (!(e instanceof NotApplicable)) result.errors.push({ policy: policy.name, urn: r.urn, error: (e as Error).stack ?? String(e) });
                }
            }
        }
    }
    result.mandatory = result.violations.filter((v) => v.level === "mandatory").length;
    result.advisory = result.violations.filter((v) => v.level === "advisory").length;
    return result;
}

export { PACK_NAME };
