// Policy engine benchmark: the full matrix over workload classes vs a naive per-pair evaluation, 1k and 10k workloads.
import { cpus } from 'node:os';
import { defaultConfig } from '../../src/config/load';
import { WorkspaceIndex } from '../../src/model/workspace';
import { buildMesh, simulateCall, simulateMatrix } from '../../src/policy/index';
import { serviceTargets } from '../../src/policy/matrix';
import type { Mesh } from '../../src/policy/types';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Deterministic pseudo-random numbers, so every run benchmarks the same mesh. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A synthetic mesh: `workloads` Deployments in namespaces of 200, ten Deployments per label set (replicated
 * shards: same labels and ServiceAccount, so ten per class), 100 Services, a STRICT mesh policy, and `policies`
 * policies split evenly between NetworkPolicies and AuthorizationPolicies selecting random classes.
 */
function generate(workloads: number, policies: number): Record<string, string> {
  const rand = lcg(workloads * 7919 + policies);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const nsCount = Math.max(5, Math.round(workloads / 200));
  const perNs = Math.ceil(workloads / nsCount);
  const classesPerNs = Math.max(1, Math.round(perNs / 10));
  const files: Record<string, string> = {};
  const namespaces = Array.from({ length: nsCount }, (_, i) => `ns${i}`);
  files['mesh.yaml'] =
    `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: default, namespace: istio-system }\nspec: { mtls: { mode: STRICT } }\n`;
  let made = 0;
  for (const ns of namespaces) {
    const docs: string[] = [`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${ns}, labels: { istio-injection: enabled, team: t${made % 7} } }`];
    for (let i = 0; i < perNs && made < workloads; i++, made++) {
      const cls = i % classesPerNs;
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: w${i}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: app${cls}, shard: s${i} } }
  template:
    metadata: { labels: { app: app${cls}, tier: t${cls % 3} } }
    spec:
      serviceAccountName: sa${cls}
      containers: [{ name: c, image: c, ports: [{ containerPort: 8080, name: http }] }]`);
    }
    files[`${ns}/workloads.yaml`] = docs.join('\n---\n') + '\n';
  }
  const services: string[] = [];
  for (let s = 0; s < 100; s++) {
    const ns = namespaces[s % nsCount];
    services.push(
      `apiVersion: v1\nkind: Service\nmetadata: { name: svc${s}, namespace: ${ns} }\nspec:\n  selector: { app: app${Math.floor(s / nsCount) % classesPerNs} }\n  ports: [{ name: http, port: 80, targetPort: http }]`,
    );
  }
  files['services.yaml'] = services.join('\n---\n') + '\n';
  const pol: string[] = [];
  for (let p = 0; p < policies; p++) {
    const ns = pick(namespaces);
    const target = `app${Math.floor(rand() * classesPerNs)}`;
    const peer = `app${Math.floor(rand() * classesPerNs)}`;
    if (p % 2 === 0) {
      pol.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np${p}, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: ${target} } }
  ingress:
    - from:
        - podSelector: { matchLabels: { app: ${peer} } }
        - namespaceSelector: { matchLabels: { team: t${p % 7} } }
      ports: [{ port: http }, { port: 9000, endPort: 9100 }]`);
    } else {
      pol.push(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: ap${p}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: ${target} } }
  rules:
    - from: [{ source: { principals: ["cluster.local/ns/${pick(namespaces)}/sa/sa${Math.floor(rand() * classesPerNs)}"], namespaces: ["${pick(namespaces)}"] } }]
      to: [{ operation: { methods: ["GET", "POST"], paths: ["/api/*"] } }]
    - from: [{ source: { notPrincipals: ["*"] } }]
      when: [{ key: "request.headers[x-debug]", values: ["1"] }]`);
    }
  }
  files['policies.yaml'] = pol.join('\n---\n') + '\n';
  return files;
}

function build(files: Record<string, string>): Mesh {
  const index = new WorkspaceIndex(defaultConfig('/bench'));
  for (const [path, text] of Object.entries(files)) index.setFile(`/bench/${path}`, text);
  return buildMesh(index);
}

/** Wall time and CPU time (user+system, all threads): the CPU figure stays meaningful on a busy machine. */
function timed<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, value };
}

/** Every workload against every target, one simulateCall per pair (no classes); on `sample` of the sources. */
function naive(mesh: Mesh, sample: number): { ms: number; cpuMs: number; pairs: number; verdicts: Map<string, string> } {
  const targets = serviceTargets(mesh);
  const step = Math.max(1, Math.round(1 / sample));
  const sources = mesh.workloads.filter((_, i) => i % step === 0);
  const verdicts = new Map<string, string>();
  const t = timed(() => {
    for (const w of sources)
      for (const target of targets) verdicts.set(`${w.id} ${target.to}`, simulateCall(mesh, { from: w.id, to: target.to, protocol: target.protocol }).verdict);
  });
  return { ms: t.ms, cpuMs: t.cpuMs, pairs: sources.length * targets.length, verdicts };
}

function run(workloads: number, policies: number, naiveSample: number): void {
  const files = generate(workloads, policies);
  gc();
  const built = timed(() => build(files));
  const mesh = built.value;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const matrix = timed(() => simulateMatrix(mesh));
  const heapAfter = process.memoryUsage().heapUsed;
  const rss = process.memoryUsage().rss;
  // The class-based matrix must agree with per-pair evaluation on every sampled pair.
  const n = naive(buildMesh2(files), naiveSample);
  const byPair = new Map(matrix.value.calls.map((c) => [`${c.from} ${c.name.split(' -> ')[1]}`, c.verdict]));
  let disagreements = 0;
  for (const [pair, verdict] of n.verdicts) if (byPair.get(pair) !== verdict) disagreements++;
  const perPairNaive = n.cpuMs / n.pairs;
  const naiveFull = perPairNaive * matrix.value.calls.length;
  const classes = new Set(mesh.workloads.map((w) => `${w.namespace}|${JSON.stringify(w.labels)}|${w.serviceAccount}`)).size;
  console.log(
    [
      `workloads=${workloads} policies=${policies} classes=${classes} targets=${serviceTargets(mesh).length} pairs=${matrix.value.calls.length}`,
      `  parse+buildMesh: wall ${built.ms.toFixed(0)} ms, cpu ${built.cpuMs.toFixed(0)} ms`,
      `  matrix (classes): wall ${matrix.ms.toFixed(0)} ms, cpu ${matrix.cpuMs.toFixed(0)} ms, heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB, rss ${(rss / 2 ** 20).toFixed(0)} MiB`,
      `  naive per-pair: ${n.pairs} pairs, cpu ${n.cpuMs.toFixed(0)} ms (${(perPairNaive * 1000).toFixed(1)} us/pair) => ${(naiveFull / 1000).toFixed(1)} s cpu for all pairs${naiveSample < 1 ? ` (extrapolated from ${Math.round(naiveSample * 100)}% of sources)` : ''}`,
      `  ratio naive/classes (cpu): ${(naiveFull / matrix.cpuMs).toFixed(1)}x; disagreements on sampled pairs: ${disagreements}`,
    ].join('\n'),
  );
  if (disagreements > 0) process.exitCode = 1;
}

/** A fresh mesh (and fresh caches) for the naive run, so it gets no help from the matrix run. */
function buildMesh2(files: Record<string, string>): Mesh {
  return build(files);
}

console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}`);
run(1000, 2000, 1);
run(10000, 2000, 0.1);
// Growth with policies at a fixed class count.
run(10000, 500, 0.02);
