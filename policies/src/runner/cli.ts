/**
 * Offline runner: evaluates the whole pack against plan files, without the Pulumi CLI.
 *
 *   npm --prefix policies run check -- target/plan/dev.json [more plans or directories]
 *        [--config pack-config.json] [--environment production] [--json]
 *   npm --prefix policies run check:repo     # every Pulumi.<stack>.yaml must have target/plan/<stack>.json
 *   npm --prefix policies run list -- [--environment production]
 *
 * Relative paths are resolved against the directory npm was started from (INIT_CWD), so `npm --prefix policies`
 * works from the repository root. Exit status: 0 no mandatory violation, 1 mandatory violation(s) or a policy
 * crashed, 2 bad usage or unreadable input.
 */
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS, Environment, normalizeEnvironment } from "../environment";
import { PACK_NAME, policies } from "../pack";
import { inScope, isStackPolicy } from "../policy";
import { evaluatePlan, PackConfig, parsePackConfig, PlanResult } from "./evaluate";
import { loadPlan, PlanError } from "./plan";

interface Options {
    plans: string[];
    config?: string;
    environment?: Environment;
    json: boolean;
    repo: boolean;
    expectStacksFrom?: string;
    list: boolean;
    help: boolean;
}

const USAGE = `usage: check [options] <plan.json | directory>...
  --config <file>          pack config (Pulumi policy-pack-config format, plus "environment")
  --environment <env>      force the environment (${ENVIRONMENTS.join(", ")})
  --json                   print results as JSON
  --repo                   check <repo>/target/plan/*.json and require one plan per <repo>/Pulumi.<stack>.yaml
  --expect-stacks-from <d> require a plan for every Pulumi.<stack>.yaml in directory <d>
  --list                   list the policies and their enforcement per environment`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): Options {
    const o: Options = { plans: [], json: false, repo: false, list: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined) throw new UsageError(`${a} needs a value`);
            return v;
        };
        switch (a) {
            case "--config": o.config = value(); break;
            case "--environment": {
                const v = value();
                const e = normalizeEnvironment(v);
                if (!e) throw new UsageError(`--environment ${v}: use one of ${ENVIRONMENTS.join(", ")}`);
                o.environment = e;
                break;
            }
            case "--json": o.json = true; break;
            case "--repo": o.repo = true; break;
            case "--expect-stacks-from": o.expectStacksFrom = value(); break;
            case "--list": o.list = true; break;
            case "-h": case "--help": o.help = true; break;
            default:
                if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
                o.plans.push(a);
        }
    }
    return o;
}

function baseDir(): string {
    return process.env["INIT_CWD"] || process.cwd();
}

/** The repository root: the parent of this package's directory. */
function repoRoot(): string {
    return path.resolve(__dirname, "..", "..", "..");
}

function expandPlans(args: string[], base: string): string[] {
    const files: string[] = [];
    for (const a of args) {
        const p = path.resolve(base, a);
        if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
            files.push(...fs.readdirSync(p).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(p, f)));
        } else {
            files.push(p);
        }
    }
    return files;
}

function stacksIn(dir: string): string[] {
    if (!fs.existsSync(dir)) throw new UsageError(`${dir}: no such directory`);
    return fs.readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

function listPolicies(env: Environment | undefined): string {
    const lines: string[] = [];
    const header = env ? [`level in ${env}`] : ENVIRONMENTS.map((e) => e);
    lines.push(["policy", "kind", ...header].join("\t"));
    for (const p of policies) {
        const show = (e: Environment) => (inScope(p, e) ? p.enforcementByEnvironment[e] : "n/a");
        const levels = env ? [show(env)] : ENVIRONMENTS.map(show);
        lines.push([p.name, isStackPolicy(p) ? "stack" : "resource", ...levels].join("\t"));
    }
    lines.push(`${policies.length} policies`);
    return lines.join("\n");
}

function relative(file: string): string {
    const r = path.relative(baseDir(), file);
    return r.startsWith("..") ? file : r;
}

function printHuman(file: string, r: PlanResult, out: (s: string) => void): void {
    const stack = r.stack ?? "(no stack)";
    out(`Policy check of ${relative(file)}: stack ${stack}, environment ${r.environment} (${r.environmentSource})`);
    const sorted = [...r.violations].sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1));
    for (const v of sorted) {
        out(`    ${v.level.padEnd(10)} [${PACK_NAME}] ${v.policy}  ${v.urn ?? "(stack)"}  ${v.message}`);
    }
    for (const e of r.errors) {
        out(`    error      [${PACK_NAME}] ${e.policy}  ${e.urn ?? "(stack)"}  policy crashed: ${e.error.split("\n")[0]}`);
    }
    const failed = r.mandatory > 0 || r.errors.length > 0;
    out(`${stack}: ${Object.keys(r.levels).length} policies on ${r.resources} resources: ${r.mandatory} mandatory, ${r.advisory} advisory violation(s)` +
        `${r.errors.length ? `, ${r.errors.length} policy error(s)` : ""} - ${failed ? "FAIL" : "PASS"}`);
}

export async function main(argv: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): Promise<number> {
    let o: Options;
    try {
        o = parseArgs(argv);
    } catch (e) {
        err(`${(e as Error).message}\n${USAGE}`);
        return 2;
    }
    if (o.help) {
        out(USAGE);
        return 0;
    }
    if (o.list) {
        out(listPolicies(o.environment));
        return 0;
    }
    const base = baseDir();
    try {
        let config: PackConfig = { policies: {} };
        if (o.config) {
            const file = path.resolve(base, o.config);
            let raw: unknown;
            try {
                raw = JSON.parse(fs.readFileSync(file, "utf8"));
            } catch (e) {
                throw new UsageError(`--config ${o.config}: ${(e as Error).message}`);
            }
            config = parsePackConfig(raw, o.config);
        }
        const planArgs = [...o.plans];
        let expectDir = o.expectStacksFrom ? path.resolve(base, o.expectStacksFrom) : undefined;
        if (o.repo) {
            const root = repoRoot();
            planArgs.push(path.join(root, "target", "plan"));
            expectDir = expectDir ?? root;
            if (!fs.existsSync(path.join(root, "target", "plan"))) {
                throw new UsageError(`${path.join(root, "target", "plan")} does not exist; generate the plans first`);
            }
        }
        const files = expandPlans(planArgs, base);
        if (files.length === 0) {
            throw new UsageError("no plan files given or found");
        }
        const results: { file: string; result: PlanResult }[] = [];
        for (const file of files) {
            const plan = loadPlan(file);
            results.push({ file, result: await evaluatePlan(plan, { config, environment: o.environment }) });
        }
        const problems: string[] = [];
        if (expectDir) {
            const have = new Set(results.map((x) => x.result.stack));
            for (const stack of stacksIn(expectDir)) {
                if (!have.has(stack)) problems.push(`stack '${stack}' (Pulumi.${stack}.yaml) has no plan among the checked files`);
            }
        }
        const mandatory = results.reduce((n, x) => n + x.result.mandatory, 0);
        const advisory = results.reduce((n, x) => n + x.result.advisory, 0);
        const errors = results.reduce((n, x) => n + x.result.errors.length, 0);
        const failed = mandatory > 0 || errors > 0 || problems.length > 0;
        if (o.json) {
            out(JSON.stringify({
                pack: PACK_NAME,
                plans: results.map(({ file, result }) => ({ file: relative(file), ...result })),
                problems,
                mandatory,
                advisory,
                errors,
                passed: !failed,
            }, null, 2));
        } else {
            for (const { file, result } of results) printHuman(file, result, out);
            for (const p of problems) out(`error: ${p}`);
            out(`${results.length} plan(s): ${mandatory} mandatory, ${advisory} advisory violation(s)${errors ? `, ${errors} policy error(s)` : ""}${problems.length ? `, ${problems.length} missing plan(s)` : ""} - ${failed ? "FAIL" : "PASS"}`);
        }
        return failed ? 1 : 0;
    } catch (e) {
        if (e instanceof UsageError || e instanceof PlanError) {
            err(`error: ${e.message}`);
            return 2;
        }
        throw e;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => { process.exitCode = code; },
        (e) => { console.error(e); process.exitCode = 2; },
    );
}
