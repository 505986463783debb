/**
 * The pack as the Pulumi CLI runs it: index.ts is started the way the CLI's Node.js host starts a policy pack
 * (@pulumi/pulumi/cmd/run-policy-pack, which type-checks the TypeScript with ts-node), and this test talks to
 * its gRPC analyzer service like the engine does: GetAnalyzerInfo, Configure, Analyze, AnalyzeStack.
 */
import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { policies } from "../src/pack";

const PKG = path.resolve(__dirname, "..");
const EL = analyzerproto.EnforcementLevel;

interface Pack {
    proc: ChildProcess;
    client: analyzerrpc.AnalyzerClient;
}

function startPack(env: Record<string, string>): Promise<Pack> {
    return new Promise((resolve, reject) => {
        const proc = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", "."], {
            cwd: PKG,
            env: { ...process.env, AGENT_PLATFORM_ENVIRONMENT: "", PULUMI_CONFIG: "", ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        const timer = setTimeout(() => { proc.kill(); reject(new Error(`policy pack did not start: ${err}`)); }, 120_000);
        proc.stderr!.on("data", (d) => (err += d));
        proc.stdout!.on("data", (d) => {
            out += d;
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve({ proc, client: new analyzerrpc.AnalyzerClient(`127.0.0.1:${m[1]}`, grpc.credentials.createInsecure()) });
            }
        });
        proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`policy pack exited with ${code}: ${err}`)); });
    });
}

function call<Req, Res>(fn: (req: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => fn(req, (e, r) => (e ? reject(e) : resolve(r))));
}

function analyze(pack: Pack, req: analyzerproto.AnalyzeRequest): Promise<analyzerproto.AnalyzeResponse> {
    return call<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>(pack.client.analyze.bind(pack.client), req);
}

function options(protect = false) {
    const o = new analyzerproto.AnalyzerResourceOptions();
    o.setProtect(protect);
    return o;
}

function analyzeRequest(type: string, name: string, props: Record<string, unknown>, protect = false) {
    const req = new analyzerproto.AnalyzeRequest();
    req.setType(type);
    req.setName(name);
    req.setUrn(`urn:pulumi:s::agent-platform::${type}::${name}`);
    req.setProperties(structproto.Struct.fromJavaScript(props as any));
    req.setOptions(options(protect));
    return req;
}

const badDb = { engine: "postgres", instanceClass: "db.r7g.large", storageEncrypted: false, publiclyAccessible: false, multiAz: true,
    backupRetentionPeriod: 14, deletionProtection: true, finalSnapshotIdentifier: "final", manageMasterUserPassword: true,
    tags: { project: "agent-platform", environment: "production", component: "database", "managed-by": "pulumi" } };

describe("policy pack served to the Pulumi CLI", { timeout: 240_000 }, () => {
    let prod: Pack;
    let dev: Pack;
    before(async () => {
        [prod, dev] = await Promise.all([startPack({ PULUMI_STACK: "production" }), startPack({ PULUMI_STACK: "dev-alice" })]);
    });
    after(() => {
        for (const p of [prod, dev]) {
            p?.client.close();
            p?.proc.removeAllListeners("exit");
            p?.proc.kill();
        }
    });

    it("GetAnalyzerInfo lists every policy with the environment's default level", async () => {
        const info = await call<Empty, analyzerproto.AnalyzerInfo>(prod.client.getAnalyzerInfo.bind(prod.client), new Empty());
        assert.equal(info.getName(), "agent-platform");
        const levels = Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]));
        assert.equal(Object.keys(levels).length, policies.length);
        assert.equal(levels["rds-deletion-protection"], EL.MANDATORY);
        assert.equal(levels["ephemeral-stack-destroyable"], EL.DISABLED);
        const devInfo = await call<Empty, analyzerproto.AnalyzerInfo>(dev.client.getAnalyzerInfo.bind(dev.client), new Empty());
        const devLevels = Object.fromEntries(devInfo.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]));
        assert.equal(devLevels["rds-deletion-protection"], EL.DISABLED);
        assert.equal(devLevels["ephemeral-stack-destroyable"], EL.MANDATORY);
        assert.equal(devLevels["cloudwatch-logs-encrypted"], EL.ADVISORY);
    });

    it("Analyze reports a violation of the resource at the default level", async () => {
        const res = await analyze(prod, analyzeRequest("aws:rds/instance:Instance", "db", badDb, true));
        const diags = res.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage() }));
        assert.deepEqual(diags.map((d) => d.policy), ["rds-storage-encrypted"]);
        assert.equal(diags[0].level, EL.MANDATORY);
        assert.match(diags[0].message, /storageEncrypted is false; it must be true/);
    });

    it("Analyze in dev evaluates the throw-away rules instead of the production ones", async () => {
        const res = await analyze(dev, analyzeRequest("aws:rds/instance:Instance", "db", { ...badDb, tags: { ...badDb.tags, environment: "dev" } }, true));
        const diags = res.getDiagnosticsList().map((d) => `${d.getPolicyname()}:${d.getEnforcementlevel()}`).sort();
        assert.deepEqual(diags, [
            `ephemeral-stack-destroyable:${EL.MANDATORY}`, // protect
            `ephemeral-stack-destroyable:${EL.MANDATORY}`, // deletionProtection
            `ephemeral-stack-destroyable:${EL.MANDATORY}`, // skipFinalSnapshot
            `rds-storage-encrypted:${EL.MANDATORY}`,
        ]);
    });

    it("standard policy-pack config overrides the enforcement level", async () => {
        const cfg = new analyzerproto.ConfigureAnalyzerRequest();
        const pc = new analyzerproto.PolicyConfig();
        pc.setEnforcementlevel(EL.ADVISORY);
        pc.setProperties(structproto.Struct.fromJavaScript({}));
        cfg.getPolicyconfigMap().set("rds-storage-encrypted", pc);
        await call<analyzerproto.ConfigureAnalyzerRequest, unknown>(prod.client.configure.bind(prod.client), cfg);
        const res = await analyze(prod, analyzeRequest("aws:rds/instance:Instance", "db", badDb, true));
        assert.deepEqual(res.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()]), [["rds-storage-encrypted", EL.ADVISORY]]);
    });

    it("AnalyzeStack runs the stack policies on the whole resource list", async () => {
        const bucket = new analyzerproto.AnalyzerResource();
        bucket.setType("aws:s3/bucketV2:BucketV2");
        bucket.setName("artifacts");
        bucket.setUrn("urn:pulumi:s::agent-platform::aws:s3/bucketV2:BucketV2::artifacts");
        bucket.setProperties(structproto.Struct.fromJavaScript({ bucket: "agent-artifacts" }));
        bucket.setOptions(options(true));
        const req = new analyzerproto.AnalyzeStackRequest();
        req.setResourcesList([bucket]);
        const res = await call<analyzerproto.AnalyzeStackRequest, analyzerproto.AnalyzeResponse>(prod.client.analyzeStack.bind(prod.client), req);
        const byPolicy = res.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getUrn()]);
        assert.deepEqual(byPolicy.sort(), [
            ["backup-cross-region-copy", ""],
            ["backup-selects-every-stateful-resource", bucket.getUrn()],
            ["s3-bucket-encryption", bucket.getUrn()],
            ["s3-public-access-block", bucket.getUrn()],
        ]);
    });
});
