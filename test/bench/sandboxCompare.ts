// A/B of two source trees' sandboxes in one process, taking turns call by call, with the bare Node mTLS pair
// (stock, and with the sidecars' TLS settings) as the reference: CPU per call (this process's user+system, so collections count) and latency percentiles.
//   git archive HEAD simulator src | tar -x -C /tmp/treeA   (and the changed tree in /tmp/treeB; both need
//   node_modules: ln -s "$PWD/node_modules" /tmp/treeA/node_modules)
//   node --import tsx --max-semi-space-size=32 --min-semi-space-size=32 test/bench/sandboxCompare.ts /tmp/treeA /tmp/treeB [cold|warm]
// cold: every call on a caller/destination pair not called before (a full mutual handshake on every side);
// warm: each pair called once untimed first, then timed on its pooled connection.
import { BarePair, lcg, shuffledPairs, syntheticManifests, type BenchCall } from './sandboxBaseline';

const WORKLOADS = 50;
/** Calls before timing starts: the first calls pay for TLS contexts and code that is not compiled yet. */
const WARM_UP = 200;

interface Side {
  name: string;
  call(c: BenchCall): Promise<boolean>;
  cpuMs: number[];
  ms: number[];
  stop(): Promise<void>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A sandbox of the 50-workload mesh, run by the code of `tree`, on loopback block `block`. */
async function sandboxOf(tree: string, block: number): Promise<Side> {
  const { defaultConfig } = require(`${tree}/src/config/load`) as typeof import('../../src/config/load');
  const { WorkspaceIndex } = require(`${tree}/src/model/workspace`) as typeof import('../../src/model/workspace');
  const { buildMesh } = require(`${tree}/src/policy/index`) as typeof import('../../src/policy/index');
  const { replayCalls } = require(`${tree}/simulator/local/replay`) as typeof import('../../simulator/local/replay');
  const { SandboxRuntime } = require(`${tree}/simulator/local/runtime`) as typeof import('../../simulator/local/runtime');
  const index = new WorkspaceIndex(defaultConfig('/bench'));
  index.setFile('/bench/mesh.yaml', syntheticManifests(WORKLOADS));
  const runtime = await SandboxRuntime.start(buildMesh(index), { block, certLifetimeMs: 3_600_000 });
  return {
    name: tree,
    cpuMs: [],
    ms: [],
    call: async (c) => {
      const to = `w${c.to}.bench.svc.cluster.local:8080`;
      const result = await replayCalls(runtime, { calls: [{ from: `bench/w${c.from}`, to, method: 'GET', path: '/api' }] });
      return result.observations[0]?.verdict === 'allowed';
    },
    stop: () => runtime.stop(),
  };
}

void (async () => {
  const [treeA, treeB, mode = 'cold'] = process.argv.slice(2);
  if (!treeA || !treeB || (mode !== 'cold' && mode !== 'warm')) {
    console.error('usage: sandboxCompare.ts TREE_A TREE_B [cold|warm]');
    process.exit(2);
  }
  const a = await sandboxOf(treeA, 230);
  const b = await sandboxOf(treeB, 231);
  const bare = new BarePair();
  await bare.start(WORKLOADS);
  const pair: Side = { name: 'bare Node mTLS pair', cpuMs: [], ms: [], call: (c) => bare.call(c), stop: async () => bare.stop() };
  // The pair with the sidecars' TLS settings (BarePair's sidecarTls): what the sandbox adds on the same TLS work.
  const bareTuned = new BarePair({ sidecarTls: true });
  await bareTuned.start(WORKLOADS);
  const tuned: Side = { name: "pair, sidecars' TLS", cpuMs: [], ms: [], call: (c) => bareTuned.call(c), stop: async () => bareTuned.stop() };
  const sides = [a, b, pair, tuned];
  const calls = shuffledPairs(WORKLOADS, lcg(7));
  for (const [i, c] of calls.entries()) {
    for (let k = 0; k < sides.length; k++) {
      // Who goes first rotates, so no side always runs right after another's collection.
      const side = sides[(i + k) % sides.length];
      if (mode === 'warm' && !(await side.call(c))) throw new Error(`${side.name}: call ${c.from}->${c.to} failed`);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const ok = await side.call(c);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      if (!ok) throw new Error(`${side.name}: call ${c.from}->${c.to} failed`);
      if (i < WARM_UP) continue;
      side.ms.push(ms);
      side.cpuMs.push((used.user + used.system) / 1000);
    }
  }
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  console.log(`${calls.length - WARM_UP} ${mode} calls each, taking turns`);
  for (const side of sides) {
    console.log(
      `${side.name.padEnd(24)} CPU/call ${mean(side.cpuMs).toFixed(3)} ms  p50 ${percentile(side.ms, 50).toFixed(2)}  p90 ${percentile(side.ms, 90).toFixed(2)}  p99 ${percentile(side.ms, 99).toFixed(2)} ms`,
    );
  }
  const ratio = (f: (s: Side) => number) => (f(b) / f(a)).toFixed(3);
  console.log(`B/A: CPU ${ratio((s) => mean(s.cpuMs))}  p50 ${ratio((s) => percentile(s.ms, 50))}  p90 ${ratio((s) => percentile(s.ms, 90))}`);
  for (const side of sides) await side.stop();
})();
