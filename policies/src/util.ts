/**
 * Defensive accessors for resource properties. Plans written under Pulumi's mock engine and the
 * properties the CLI hands to a policy pack are both plain JSON-like values, but booleans may arrive
 * as strings ("true"), numbers as strings, nested objects as JSON text, and secrets as "[secret]".
 */

export const SECRET_MARKER = "[secret]";

export type Props = Record<string, any>;

/** Parses JSON text that looks like an object or array; any other value is returned unchanged. */
export function parseMaybeJson(value: unknown): unknown {
    if (typeof value === "string") {
        const t = value.trim();
        if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
            try {
                return JSON.parse(t);
            } catch {
                return value;
            }
        }
    }
    return value;
}

/** An object value (parsing JSON text if needed), or undefined. */
export function obj(value: unknown): Props | undefined {
    const v = parseMaybeJson(value);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : undefined;
}

/** An array value (parsing JSON text; a single object becomes a one-element array), or []. */
export function arr(value: unknown): any[] {
    const v = parseMaybeJson(value);
    if (Array.isArray(v)) return v;
    if (v === undefined || v === null) return [];
    return [v];
}

/** Reads a dotted path ("vpcConfig.endpointPublicAccess"), tolerating JSON text and missing levels. */
export function get(root: unknown, path: string): any {
    let cur: any = root;
    for (const key of path.split(".")) {
        const o = obj(cur);
        if (o === undefined) {
            return undefined;
        }
        cur = o[key];
    }
    return cur;
}

export function isTrue(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

export function isFalse(value: unknown): boolean {
    return value === false || (typeof value === "string" && value.trim().toLowerCase() === "false");
}

export function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** A non-empty string or the secret marker counts as "set". */
export function isSet(value: unknown): boolean {
    if (value === undefined || value === null) return false;
    if (typeof value === "string") return value.trim() !== "";
    if (Array.isArray(value)) return value.length > 0;
    return true;
}

/** Renders a value for a violation message. */
export function show(value: unknown): string {
    if (value === undefined) return "not set";
    if (typeof value === "string") return `'${value}'`;
    try {
        return JSON.stringify(value);
    } catch {
        return String(value);
    }
}

export function strings(value: unknown): string[] {
    return arr(value).filter((v): v is string => typeof v === "string");
}

/** "m6i.large" → "m6i", "db.r6g.large" → "r6g", "cache.t4g.micro" → "t4g". */
export function instanceFamily(instanceType: string): string | undefined {
    const parts = instanceType.trim().toLowerCase().split(".");
    const rest = parts[0] === "db" || parts[0] === "cache" ? parts.slice(1) : parts;
    return rest.length >= 2 && rest[0] !== "" ? rest[0] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// IPv4/IPv6 "anywhere" and port ranges.

export function isAnywhere(cidr: unknown): boolean {
    return cidr === "0.0.0.0/0" || cidr === "::/0";
}

/** True when [from, to] (protocol-aware) includes `port`. Protocol "-1"/"all" means every port. */
export function rangeIncludes(protocol: unknown, from: unknown, to: unknown, port: number): boolean {
    const p = typeof protocol === "string" ? protocol.toLowerCase() : protocol;
    if (p === "-1" || p === -1 || p === "all") return true;
    if (p === "udp" || p === "17" || p === 17 || p === "icmp" || p === "1" || p === 1 || p === "icmpv6" || p === "58" || p === 58) {
        return false;
    }
    const f = num(from);
    const t = num(to) ?? f;
    if (f === undefined || t === undefined) {
        // No port range on a TCP rule means the whole range.
        return true;
    }
    if (f === -1 || t === -1) return true;
    return f <= port && port <= t;
}

// ---------------------------------------------------------------------------------------------------------
// Kubernetes.

export const WORKLOAD_TYPES = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:ReplicaSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:core/v1:Pod",
];

/** Long-running workloads (they serve traffic and get restarted, so probes apply). */
export const LONG_RUNNING_TYPES = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
];

export function podSpecOf(type: string, props: Props): Props | undefined {
    switch (type) {
        case "kubernetes:core/v1:Pod":
            return obj(props.spec);
        case "kubernetes:batch/v1:CronJob":
            return obj(get(props, "spec.jobTemplate.spec.template.spec"));
        default:
            return obj(get(props, "spec.template.spec"));
    }
}

export interface ContainerRef {
    container: Props;
    /** "container 'agent'" or "init container 'migrate'" */
    label: string;
    init: boolean;
}

export function containersOf(podSpec: Props | undefined, includeInit = true): ContainerRef[] {
    if (!podSpec) return [];
    const out: ContainerRef[] = [];
    arr(podSpec.containers).forEach((c, i) => {
        const o = obj(c) ?? {};
        out.push({ container: o, label: `container '${o.name ?? `#${i}`}'`, init: false });
    });
    if (includeInit) {
        arr(podSpec.initContainers).forEach((c, i) => {
            const o = obj(c) ?? {};
            out.push({ container: o, label: `init container '${o.name ?? `#${i}`}'`, init: true });
        });
    }
    return out;
}

/** metadata.name, or the Pulumi resource name when the name is left to auto-naming. */
export function k8sName(props: Props, resourceName: string): string {
    const n = get(props, "metadata.name");
    return typeof n === "string" && n !== "" ? n : resourceName;
}

/** metadata.namespace, "default" when absent. */
export function k8sNamespace(props: Props): string {
    const n = get(props, "metadata.namespace");
    return typeof n === "string" && n !== "" ? n : "default";
}

export function labelsOf(props: Props, path = "metadata.labels"): Record<string, string> {
    return (obj(get(props, path)) ?? {}) as Record<string, string>;
}
