// Local sandbox benchmark: 10,000 calls over 50 workloads with policy checks on, against a bare Node mTLS
// client/server pair doing the same handshakes in the same run; and `up` for 200 workloads.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createSecureContext, createServer, type TLSSocket } from 'node:tls';
import { defaultConfig } from '../../src/config/load';
import { WorkspaceIndex } from '../../src/model/workspace';
import { buildMesh } from '../../simulator/index';
import type { Mesh, TrafficCall } from '../../simulator/types';
import { startSandbox, stopSandbox } from '../../simulator/sandbox/lifecycle';
import { createSandboxPki, issueWorkloadCert } from '../../simulator/sandbox/pki';
import { replayCalls } from '../../simulator/sandbox/replay';
import { SandboxRuntime } from '../../simulator/sandbox/runtime';

const CALLS = Number(process.env.ZTN_BENCH_CALLS ?? 10_000);
const WORKLOADS = 50;
const UP_WORKLOADS = 200;
const CONCURRENCY = 16;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** `count` HTTP workloads behind Services in one STRICT namespace; every one has an ALLOW and a DENY policy. */
function syntheticManifests(count: number): string {
  const docs: string[] = [
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: bench, labels: {istio-injection: enabled}}',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}',
  ];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: w${i}, namespace: bench}
spec:
  selector: {matchLabels: {app: w${i}}}
  template:
    metadata: {labels: {app: w${i}}}
    spec:
      serviceAccountName: w${i}
      containers: [{name: app, image: app:1, ports: [{name: http, containerPort: 8080}]}]`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: w${i}, namespace: bench}\nspec:\n  selector: {app: w${i}}\n  ports: [{name: http, port: 8080}]`);
    docs.push(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: w${i}-allow, namespace: bench}
spec:
  selector: {matchLabels: {app: w${i}}}
  rules: [{from: [{source: {namespaces: [bench]}}], to: [{operation: {methods: [GET, POST]}}]}]`);
    docs.push(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: w${i}-deny-admin, namespace: bench}
spec:
  selector: {matchLabels: {app: w${i}}}
  action: DENY
  rules: [{to: [{operation: {paths: ["/admin/*"]}}]}]`);
  }
  return docs.join('\n---\n');
}

function syntheticMesh(count: number): Mesh {
  const index = new WorkspaceIndex(defaultConfig('/bench'));
  index.setFile('/bench/mesh.yaml', syntheticManifests(count));
  return buildMesh(index);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Run {
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  failed: number;
  /** CPU time of this process per call: what the rate would be bound by on an otherwise idle machine. */
  cpuMsPerCall: number;
}

function summarize(latencies: number[], seconds: number, failed: number, cpu: NodeJS.CpuUsage): Run {
  const sorted = [...latencies].sort((a, b) => a - b);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { seconds, rate: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), failed, cpuMsPerCall: cpuMs / latencies.length };
}

/** The baseline: one Node TLS server and client, a fresh mutual-TLS handshake and one HTTP exchange per call. */
async function bareTls(calls: number, concurrency: number): Promise<Run> {
  const pki = await createSandboxPki({ clusters: ['bench'] });
  const server = await issueWorkloadCert(pki.intermediates.bench, 'spiffe://cluster.local/ns/bench/sa/server', 3_600_000);
  const client = await issueWorkloadCert(pki.intermediates.bench, 'spiffe://cluster.local/ns/bench/sa/client', 3_600_000);
  const body = '{"ok":true}';
  const tlsServer = createServer({ key: server.keyPem, cert: server.chainPem, ca: pki.root.certPem, requestCert: true, rejectUnauthorized: true }, (s) => {
    s.once('data', () => s.end(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`));
    s.on('error', () => s.destroy());
  });
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  const port = (tlsServer.address() as { port: number }).port;
  // One context for every call, as the sandbox's sidecars keep theirs: the benchmark compares handshakes, not context setup.
  const secureContext = createSecureContext({ key: client.keyPem, cert: client.chainPem, ca: pki.root.certPem });
  const one = () =>
    new Promise<boolean>((resolve) => {
      const s: TLSSocket = connect({ host: '127.0.0.1', port, secureContext, servername: 'outbound_.8080_._.server', checkServerIdentity: () => undefined }, () =>
        s.write('GET /api HTTP/1.1\r\nhost: server\r\nconnection: close\r\n\r\n'),
      );
      let got = '';
      s.setEncoding('utf8');
      s.on('data', (d: string) => (got += d));
      s.on('end', () => resolve(got.startsWith('HTTP/1.1 200')));
      s.on('error', () => resolve(false));
    });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < calls) {
        const t = performance.now();
        if (!(await one())) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  tlsServer.close();
  return summarize(latencies, seconds, failed, used);
}

async function sandboxReplay(runtime: SandboxRuntime, calls: number, concurrency: number): Promise<Run> {
  const rand = lcg(42);
  const traffic: TrafficCall[] = Array.from({ length: calls }, () => {
    const from = Math.floor(rand() * WORKLOADS);
    const to = Math.floor(rand() * WORKLOADS);
    return { from: `bench/w${from}`, to: `w${to}.bench.svc.cluster.local:8080`, method: 'GET', path: '/api' };
  });
  {
    const cpu = process.cpuUsage();
    const result = await replayCalls(runtime, { calls: traffic, concurrency });
    const used = process.cpuUsage(cpu);
    const latencies = result.observations.map((o) => o.latencyMs ?? 0);
    const failures = result.observations.filter((o) => o.verdict !== 'allowed');
    const reasons = new Map<string, number>();
    for (const o of failures) {
      const why = `${o.outcome}${o.fault ? ` (${o.fault})` : ''}: ${(o.error ?? '').slice(0, 80)}`;
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    for (const [why, n] of reasons) console.log(`  sandbox failure x${n}: ${why}`);
    const failed = failures.length;
    return summarize(latencies, result.durationMs / 1000, failed, used);
  }
}

async function upInProcess(count: number): Promise<{ wallMs: number; cpuMs: number }> {
  const mesh = syntheticMesh(count);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const runtime = await SandboxRuntime.start(mesh, { block: 241, certLifetimeMs: 3_600_000 });
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  if (runtime.status().workloads.length !== count) throw new Error('not every workload started');
  await runtime.stop();
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The whole `ztn sandbox up` path with the bundled supervisor: spawn, load manifests, PKI, listeners, ready. */
async function upWithSupervisor(count: number): Promise<number | undefined> {
  const script = join(__dirname, '..', '..', 'dist', 'sandbox-supervisor.js');
  if (!existsSync(script)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ztn-bench-up-'));
  const manifests = join(dir, 'mesh.yaml');
  writeFileSync(manifests, syntheticManifests(count));
  const stateDir = join(dir, 'state');
  try {
    const started = performance.now();
    const up = await startSandbox({ stateDir, paths: [manifests], certLifetimeMs: 3_600_000, block: 242, supervisorScript: script });
    const ms = performance.now() - started;
    if (up.status.workloads.length !== count) throw new Error(`${up.status.workloads.length} of ${count} workloads started`);
    return ms;
  } finally {
    await stopSandbox(stateDir);
    rmSync(dir, { recursive: true, force: true });
  }
}

void (async () => {
  console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const row = (name: string, r: Run) =>
    console.log(
      `${name.padEnd(30)} ${r.rate.toFixed(0).padStart(6)} calls/s  ${r.cpuMsPerCall.toFixed(2).padStart(6)} ms CPU/call  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  failed ${r.failed}`,
    );
  const runtime = await SandboxRuntime.start(syntheticMesh(WORKLOADS), { block: 240, certLifetimeMs: 3_600_000 });
  let failed = 0;
  try {
    // Throughput: both sides loaded with the same number of calls in flight.
    gc();
    const bare = await bareTls(CALLS, CONCURRENCY);
    gc();
    const sandbox = await sandboxReplay(runtime, CALLS, CONCURRENCY);
    console.log(`${CALLS} calls over ${WORKLOADS} workloads, concurrency ${CONCURRENCY}`);
    row('bare Node mTLS pair', bare);
    row('sandbox (policy checks on)', sandbox);
    console.log(`sandbox / bare rate: ${(sandbox.rate / bare.rate).toFixed(2)} wall, ${(bare.cpuMsPerCall / sandbox.cpuMsPerCall).toFixed(2)} by CPU per call  (target >= 0.50)`);
    // Latency: one call at a time, so queueing does not hide what the sandbox adds to each call.
    const sequential = Math.min(1_000, CALLS);
    gc();
    const bare1 = await bareTls(sequential, 1);
    gc();
    const sandbox1 = await sandboxReplay(runtime, sequential, 1);
    console.log(`${sequential} calls one at a time`);
    row('bare Node mTLS pair', bare1);
    row('sandbox (policy checks on)', sandbox1);
    console.log(`added latency: p50 ${(sandbox1.p50 - bare1.p50).toFixed(2)} ms, p99 ${(sandbox1.p99 - bare1.p99).toFixed(2)} ms  (target p99 < 2 ms)`);
    failed = bare.failed + sandbox.failed + bare1.failed + sandbox1.failed;
  } finally {
    await runtime.stop();
  }
  gc();
  const up = await upInProcess(UP_WORKLOADS);
  console.log(`up ${UP_WORKLOADS} workloads in process: ${up.wallMs.toFixed(0)} ms wall, ${up.cpuMs.toFixed(0)} ms CPU  (target < 5000 ms)`);
  const withSupervisor = await upWithSupervisor(UP_WORKLOADS);
  console.log(
    withSupervisor === undefined
      ? 'up with the bundled supervisor: skipped (run `npm run build` first)'
      : `up ${UP_WORKLOADS} workloads, bundled supervisor process (spawn to ready): ${withSupervisor.toFixed(0)} ms wall  (target < 5000 ms)`,
  );
  if (failed > 0) process.exitCode = 1;
})();
