/**
 * The plan file written by the Java program under Pulumi's mock engine (target/plan/<stack>.json).
 */
import * as fs from "fs";

export interface PlanResourceOptions {
    protect?: boolean;
    retainOnDelete?: boolean;
    dependsOn?: string[];
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    [k: string]: unknown;
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    provider: string | null;
    inputs: Record<string, any>;
    dependencies: string[];
    options: PlanResourceOptions;
}

export interface Plan {
    project?: string;
    stack?: string;
    environment?: string;
    resources: PlanResource[];
    outputs?: Record<string, unknown>;
}

export class PlanError extends Error {}

/** The resource name: the `name` field, else the last "::" segment of the URN. */
function nameFromUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i >= 0 ? urn.slice(i + 2) : urn;
}

/** Checks the shape of a parsed plan and fills optional fields with defaults. */
export function normalizePlan(raw: unknown, where = "plan"): Plan {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new PlanError(`${where}: expected a JSON object with a "resources" array`);
    }
    const o = raw as Record<string, any>;
    if (!Array.isArray(o.resources)) {
        throw new PlanError(`${where}: "resources" must be an array`);
    }
    const resources: PlanResource[] = o.resources.map((r: any, i: number) => {
        if (r === null || typeof r !== "object") {
            throw new PlanError(`${where}: resources[${i}] is not an object`);
        }
        if (typeof r.urn !== "string" || r.urn === "") {
            throw new PlanError(`${where}: resources[${i}] has no "urn"`);
        }
        if (typeof r.type !== "string" || r.type === "") {
            throw new PlanError(`${where}: resources[${i}] (${r.urn}) has no "type"`);
        }
        const inputs = r.inputs ?? r.props ?? {};
        if (typeof inputs !== "object" || Array.isArray(inputs)) {
            throw new PlanError(`${where}: resources[${i}] (${r.urn}) "inputs" must be an object`);
        }
        const options = r.options && typeof r.options === "object" ? r.options : {};
        return {
            urn: r.urn,
            type: r.type,
            name: typeof r.name === "string" && r.name !== "" ? r.name : nameFromUrn(r.urn),
            parent: typeof r.parent === "string" && r.parent !== "" ? r.parent : null,
            custom: r.custom !== false,
            provider: typeof r.provider === "string" && r.provider !== "" ? r.provider : null,
            inputs,
            dependencies: Array.isArray(r.dependencies) ? r.dependencies.filter((d: unknown) => typeof d === "string") : [],
            options,
        };
    });
    return {
        project: typeof o.project === "string" ? o.project : undefined,
        stack: typeof o.stack === "string" ? o.stack : undefined,
        environment: typeof o.environment === "string" && o.environment !== "" ? o.environment : undefined,
        resources,
        outputs: o.outputs,
    };
}

export function loadPlan(file: string): Plan {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new PlanError(`${file}: cannot read (${(e as Error).message})`);
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new PlanError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    return normalizePlan(raw, file);
}
