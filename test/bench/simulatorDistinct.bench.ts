// Policy engine on realistic input: 10,000 workloads with distinct labels (test/helpers/distinctLabelsMesh.ts: namespace
// default-deny, pod- and namespace-selector rules, egress with ipBlocks, AuthorizationPolicies by principal and by
// namespace, one app singled out per namespace). netpol grouped by class and the allowed matrix, under 10 s and 1 GiB.
import { cpus, loadavg } from 'node:os';
import { simulateMatrix } from '../../src/policy/index';
import { netpolClassConnections } from '../../src/policy/netpol';
import { workloadClasses } from '../../src/policy/workloadClasses';
import { serviceTargets } from '../../src/policy/matrix';
import { distinctLabelsManifests } from '../helpers/distinctLabelsMesh';
import { meshOf } from '../helpers/meshFixture';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const WORKLOADS = Number(process.env.ZTN_BENCH_WORKLOADS ?? 10_000);
const NAMESPACES = 50;

function timed<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
console.log(
  `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const built = timed(() => meshOf(distinctLabelsManifests(2026, NAMESPACES, Math.ceil(WORKLOADS / NAMESPACES))));
const mesh = built.value;
const labelSets = new Set(mesh.workloads.map((w) => JSON.stringify(Object.entries(w.labels).sort()))).size;
console.log(
  `workloads=${mesh.workloads.length} distinct label sets=${labelSets} targets=${serviceTargets(mesh).length}; parse and build ${built.ms.toFixed(0)} ms`,
);
const classes = timed(() => workloadClasses(mesh));
console.log(`  classes: ${classes.value.members.length} in ${classes.ms.toFixed(0)} ms`);
let failed = false;
gc();
const np = timed(() => netpolClassConnections(mesh));
const npRss = process.memoryUsage().rss;
console.log(
  `  netpol grouped by class: ${np.value.connections.length} class connections, wall ${np.ms.toFixed(0)} ms, cpu ${np.cpuMs.toFixed(0)} ms, rss ${mib(npRss)}`,
);
if (np.ms > 10_000 || npRss > 2 ** 30) failed = true;
gc();
const mx = timed(() => {
  const m = simulateMatrix(mesh);
  return { allowed: m.calls.filter((c) => c.allowed).length, total: m.calls.length };
});
const mxRss = process.memoryUsage().rss;
console.log(
  `  allowed matrix: ${mx.value.allowed} allowed of ${mx.value.total}, wall ${mx.ms.toFixed(0)} ms, cpu ${mx.cpuMs.toFixed(0)} ms, rss ${mib(mxRss)}`,
);
if (mx.ms > 10_000 || mxRss > 2 ** 30) failed = true;
console.log(`target: each under 10 s and 1 GiB: ${failed ? 'MISSED' : 'met'}`);
if (failed) process.exitCode = 1;
