// Local sandbox benchmark: 10,000 calls over 50 workloads with policy checks on, against a bare Node mTLS
// client/server pair doing the same handshakes in the same run (a replay after up, loaded, warm, paced, cold); and
// `up` for 200 workloads.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { TrafficCall } from '../../src/policy/types';
import { startSandbox, stopSandbox, SUPERVISOR_NODE_FLAGS } from '../../simulator/local/lifecycle';
import { DEFAULT_CALL_TIMEOUT_MS, replayCalls } from '../../simulator/local/replay';
import { SandboxRuntime } from '../../simulator/local/runtime';
import { BarePair, lcg, shuffledPairs, syntheticManifests, syntheticMesh, type BenchCall, type Contender } from './sandboxBaseline';
import { rerunBundled } from './bundled';
import { gc } from './timing';

const CALLS = Number(process.env.ZTN_BENCH_CALLS ?? 10_000);
const WORKLOADS = 50;
const UP_WORKLOADS = 200;
const CONCURRENCY = 16;
/** Calls per second of each side in the paced run; both run at once, so the process serves twice this. */
const PACED_RATE = Number(process.env.ZTN_BENCH_PACED_RATE ?? 200);

/** The replay's calls: random callers to random services, the same in every process of a run. */
function randomCalls(): BenchCall[] {
  const rand = lcg(42);
  return Array.from({ length: CALLS }, () => ({ from: Math.floor(rand() * WORKLOADS), to: Math.floor(rand() * WORKLOADS) }));
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
  /** Full mutual-TLS handshakes the run made (the rest of its calls reused a pooled connection). */
  handshakes: number;
  /** Runs that take turns (interleavedRun): every call, when it started, how long it took, whether it made a handshake. */
  calls?: CallRecord[];
}

interface CallRecord {
  startedAt: number;
  ms: number;
  handshake: boolean;
}

function summarize(latencies: number[], seconds: number, failed: number, cpu: NodeJS.CpuUsage, handshakes: number): Run {
  const sorted = [...latencies].sort((a, b) => a - b);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    seconds,
    rate: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failed,
    cpuMsPerCall: cpuMs / latencies.length,
    handshakes,
  };
}

/** A call that cannot hang a run: the replay's per-call limit, after which it counts as failed. */
async function within(call: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), DEFAULT_CALL_TIMEOUT_MS)));
  try {
    return await Promise.race([call.catch(() => false), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function timedRun(calls: BenchCall[], concurrency: number, call: (c: BenchCall) => Promise<boolean>, handshakes: () => number): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const handshakesBefore = handshakes();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const c = calls[next++];
        const t = performance.now();
        if (!(await within(call(c)))) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return summarize(latencies, seconds, failed, process.cpuUsage(cpu), handshakes() - handshakesBefore);
}

/**
 * One call at a time, the contenders taking turns on every call (who goes first rotates). Everything runs in
 * this one process, so a collection pauses whichever call is in flight, and the heap any run leaves behind (its
 * pooled connections) makes the collections of the runs after it longer: run one after another, the later run
 * met full collections of 15 to 26 ms where the earlier one had 5 to 8 ms, every 0.4 to 1 s once thousands of
 * new TLS connections were pooled, and its p99 with them. Taking turns puts the same heap and the same collector
 * under all of them. Rate and CPU per call count each contender's own calls only.
 */
async function interleavedRun(calls: BenchCall[], contenders: Contender[]): Promise<Run[]> {
  return takeTurns(calls.length, contenders.length, (j, i) => timedCall(contenders[j], calls[i]));
}

/** One call of a contender, timed with this process's clock: what a run that takes turns records of it. */
interface TimedCall {
  ok: boolean;
  startedAt: number;
  ms: number;
  /** Handshakes the call made (0 on a pooled connection). */
  handshakes: number;
  cpuUs: number;
}

async function timedCall(contender: Contender, call: BenchCall): Promise<TimedCall> {
  const cpu = process.cpuUsage();
  const handshakesBefore = contender.handshakes();
  const startedAt = performance.now();
  const ok = await within(contender.call(call));
  const ms = performance.now() - startedAt;
  const used = process.cpuUsage(cpu);
  return { ok, startedAt, ms, handshakes: contender.handshakes() - handshakesBefore, cpuUs: used.user + used.system };
}

/**
 * Calls of contenders in processes of their own take turns this many at a time: a replay makes its calls back to
 * back, and so does each contender within its turn. Taking turns on every call instead starts each call in a
 * process that sat idle while three others made theirs, with caches their work evicted; that costs every
 * contender, the one with the most code and heap (the sandbox's two proxies) most. In one run (docs/benchmarks.md,
 * "Eighth session") p99 went from 7.72 to 10.17 ms for the sandbox, 6.08 to 8.00 ms for the pair with the sidecars'
 * TLS settings, 7.52 to 8.67 ms for the stock pair; and the run lasted so long that some pooled connections passed
 * their 60 s idle time and were made again (2,636 handshakes instead of about 2,450). A hundred calls is a fraction of a
 * second, short against the host's own drifts, so the contenders still share those. The bench shows both.
 */
const OWN_PROCESS_TURN = 100;

/**
 * Every contender's calls one at a time, `turn` calls of one contender then `turn` of the next, who goes first
 * rotating (see interleavedRun); `call(j, i)` makes contender j's call i. Rate and CPU per call count each
 * contender's own calls only.
 */
async function takeTurns(calls: number, contenders: number, call: (j: number, i: number) => Promise<TimedCall>, turn = 1): Promise<Run[]> {
  const each = Array.from({ length: contenders }, () => ({ records: [] as CallRecord[], failed: 0, cpuUs: 0, handshakes: 0 }));
  for (let t = 0; t * turn < calls; t++) {
    for (let k = 0; k < contenders; k++) {
      const j = (t + k) % contenders;
      for (let i = t * turn; i < Math.min(calls, (t + 1) * turn); i++) {
        const done = await call(j, i);
        if (!done.ok) each[j].failed++;
        each[j].handshakes += done.handshakes;
        each[j].cpuUs += done.cpuUs;
        each[j].records.push({ startedAt: done.startedAt, ms: done.ms, handshake: done.handshakes > 0 });
      }
    }
  }
  return each.map((e) => {
    const latencies = e.records.map((r) => r.ms);
    const seconds = latencies.reduce((a, b) => a + b, 0) / 1000;
    return { ...summarize(latencies, seconds, e.failed, { user: e.cpuUs, system: 0 }, e.handshakes), calls: e.records };
  });
}

/** A garbage collection: when it started (this process's clock) and how long it paused. */
interface Collection {
  start: number;
  ms: number;
}

/** Garbage collections of this process (perf_hooks 'gc' entries), to tell which slow calls a collection paused. */
const collections: Collection[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });

/**
 * Where a run's p99 comes from: latency of the calls that made a handshake and of those on a pooled connection,
 * and, of its slowest 1 %, how many made a handshake and how many a collection paused.
 */
function whereTheP99Is(name: string, run: Run, gcs: Collection[] = collections): void {
  const records = run.calls ?? [];
  const pct = (xs: number[], p: number) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      p,
    ).toFixed(2);
  const cold = records.filter((r) => r.handshake).map((r) => r.ms);
  const warm = records.filter((r) => !r.handshake).map((r) => r.ms);
  const slowest = records.filter((r) => r.ms >= run.p99);
  const paused = (r: CallRecord) => gcs.filter((g) => g.start < r.startedAt + r.ms && g.start + g.ms > r.startedAt).reduce((a, g) => a + g.ms, 0);
  const pauses = slowest.map(paused);
  console.log(
    `  ${name.padEnd(28)} with a handshake: ${cold.length} calls, p50 ${pct(cold, 50)} p90 ${pct(cold, 90)} p99 ${pct(cold, 99)} ms; pooled: ${warm.length}, p50 ${pct(warm, 50)} p99 ${pct(warm, 99)} ms; ` +
      `slowest 1 %: ${slowest.filter((r) => r.handshake).length} with a handshake, ${pauses.filter((ms) => ms > 0).length} paused by a collection (${(pauses.reduce((a, b) => a + b, 0) / Math.max(1, slowest.length)).toFixed(1)} ms on average)`,
  );
}

/**
 * Open loop at a fixed request rate, the way Istio measures a mesh's added latency (a load generator at a set
 * QPS): each contender's call i is due at start + i / rate whatever the earlier calls are doing, and its latency
 * counts from when it was due, so a call that waits behind a slow one is charged for the wait. The contenders run
 * at the same time, their calls spaced evenly between each other's, so they share the heap and its collections
 * (see interleavedRun).
 */
async function pacedRun(calls: BenchCall[], ratePerSecond: number, contenders: Contender[]): Promise<Run[]> {
  const each = contenders.map((c) => ({ latencies: new Array<number>(calls.length), failed: 0, handshakes: -c.handshakes() }));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    contenders.flatMap((contender, j) =>
      calls.map(async (c, i) => {
        const due = started + ((i + j / contenders.length) * 1000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        // A timer may fire up to a millisecond early (the event loop's clock has millisecond steps): then the call
        // counts from when it really started; a late start (the loop was busy) counts from when it was due.
        const from = Math.min(due, performance.now());
        if (!(await within(contender.call(c)))) each[j].failed++;
        each[j].latencies[i] = performance.now() - from;
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  // CPU of the process over the run, shared out by calls: the contenders ran at the same time.
  const used = process.cpuUsage(cpu);
  const share = { user: (used.user + used.system) / contenders.length, system: 0 };
  return each.map((e, j) => summarize(e.latencies, seconds, e.failed, share, e.handshakes + contenders[j].handshakes()));
}

/** 'tuned': the HTTPS pair with the sidecars' two TLS settings (BarePair's sidecarTls), for comparison only. */
type ContenderName = 'raw' | 'pair' | 'tuned' | 'sandbox';

/** What a contender process answers for one call (its own clock), and at the end its collections. */
type ContenderMessage = { type: 'ready' } | ({ type: 'done' } & TimedCall) | { type: 'collections'; list: Collection[] };

/**
 * A contender in a process of its own, as deployed: the sandbox as the supervisor `ztn sandbox up` starts (its own
 * process, its node flags), the baselines as two apps without a mesh. Each has its own heap, so no contender's
 * pooled connections lengthen another's collections and a collection pauses only the process that needed it.
 * The bench process names the call; the contender times it with its own clock and answers; the message passing
 * lies between calls, outside every timing.
 */
class ContenderProcess {
  private readonly child: ChildProcess;
  private waiting: { resolve: (m: ContenderMessage) => void; reject: (e: Error) => void } | undefined;

  constructor(readonly name: ContenderName) {
    this.child = fork(__filename, ['--contender', name], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const take = () => {
      const w = this.waiting;
      this.waiting = undefined;
      return w;
    };
    this.child.on('message', (m: ContenderMessage) => take()?.resolve(m));
    this.child.on('exit', (code) => take()?.reject(new Error(`${this.name} contender exited (${code})`)));
  }

  private next(): Promise<ContenderMessage> {
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async ready(): Promise<void> {
    const m = await this.next();
    if (m.type !== 'ready') throw new Error(`${this.name}: expected ready, got ${m.type}`);
  }

  async call(index: number): Promise<Extract<ContenderMessage, { type: 'done' }>> {
    const answer = this.next();
    this.child.send({ type: 'call', index });
    const m = await answer;
    if (m.type !== 'done') throw new Error(`${this.name}: expected done, got ${m.type}`);
    return m;
  }

  async stop(): Promise<Collection[]> {
    const answer = this.next();
    this.child.send({ type: 'stop' });
    const m = await answer;
    return m.type === 'collections' ? m.list : [];
  }
}

/** The contender side: sets up one contender, then makes the calls the bench process names, one at a time. */
async function serveAsContender(name: ContenderName, calls: BenchCall[]): Promise<void> {
  // Its own address block: the bench process's sandbox (240) is running too.
  const runtime = name === 'sandbox' ? await SandboxRuntime.start(syntheticMesh(WORKLOADS), { block: 243, certLifetimeMs: 3_600_000 }) : undefined;
  const bare = runtime ? undefined : new BarePair({ sidecarTls: name === 'tuned' });
  await bare?.start(WORKLOADS);
  const contender: Contender = runtime
    ? { call: (c) => sandboxCall(runtime, c), handshakes: () => runtime.ctx.stats.mtlsHandshakes }
    : bare!.contenders()[name === 'raw' ? 'raw' : 'pair'];
  gc();
  const send = (m: ContenderMessage) => process.send!(m);
  process.on('message', (m: { type: 'call'; index: number } | { type: 'stop' }) => {
    if (m.type === 'stop') {
      bare?.stop();
      void (runtime?.stop() ?? Promise.resolve()).then(() => {
        send({ type: 'collections', list: collections });
        process.disconnect();
      });
      return;
    }
    void timedCall(contender, calls[m.index]).then((done) => send({ type: 'done', ...done }));
  });
  // The bench process gone (it failed, or was stopped): leave no listener behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

/** interleavedRun with every contender in a process of its own (ContenderProcess), each timing its calls itself. */
async function interleavedInOwnProcesses(calls: BenchCall[], names: ContenderName[], turn: number): Promise<{ runs: Run[]; collections: Collection[][] }> {
  const processes = names.map((n) => new ContenderProcess(n));
  await Promise.all(processes.map((p) => p.ready()));
  const runs = await takeTurns(calls.length, processes.length, (j, i) => processes[j].call(i), turn);
  return { runs, collections: await Promise.all(processes.map((p) => p.stop())) };
}

/** A bench call as a traffic file line: caller workload to the callee's Service. */
function trafficCall(c: BenchCall): TrafficCall {
  return { from: `bench/w${c.from}`, to: `w${c.to}.bench.svc.cluster.local:8080`, method: 'GET', path: '/api' };
}

/** One sandbox call as the replay makes it, for runs that pace the calls themselves. */
async function sandboxCall(runtime: SandboxRuntime, c: BenchCall): Promise<boolean> {
  const result = await replayCalls(runtime, { calls: [trafficCall(c)] });
  return result.observations[0]?.verdict === 'allowed';
}

async function sandboxReplay(runtime: SandboxRuntime, calls: BenchCall[], concurrency: number): Promise<Run> {
  const traffic = calls.map(trafficCall);
  const handshakesBefore = runtime.ctx.stats.mtlsHandshakes;
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
  return summarize(latencies, result.durationMs / 1000, failures.length, used, runtime.ctx.stats.mtlsHandshakes - handshakesBefore);
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

// The sandbox runs in this process here, so it runs as `ztn sandbox up` runs the supervisor: bundled (see
// rerunBundled), with the node flags lifecycle.ts gives it; the baselines share the process, the code and the flags.
const missingFlags = SUPERVISOR_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
const asBundle = rerunBundled(__filename, missingFlags);
if (asBundle !== undefined) process.exit(asBundle);
if (missingFlags.length > 0) {
  const again = spawnSync(process.execPath, [...process.execArgv, ...missingFlags, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const contenderArg = process.argv.indexOf('--contender');
if (contenderArg >= 0) {
  void serveAsContender(process.argv[contenderArg + 1] as ContenderName, randomCalls());
} else
  void (async () => {
    console.log(`node flags: ${process.execArgv.filter((a) => SUPERVISOR_NODE_FLAGS.includes(a)).join(' ')}`);
    console.log(
      `machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const row = (name: string, r: Run) =>
      console.log(
        `${name.padEnd(30)} ${r.rate.toFixed(0).padStart(6)} calls/s  ${r.cpuMsPerCall.toFixed(2).padStart(6)} ms CPU/call  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  handshakes ${String(r.handshakes).padStart(5)}  failed ${r.failed}`,
      );
    const added = (bare: Run, sandbox: Run) =>
      console.log(
        `added latency: p50 ${(sandbox.p50 - bare.p50).toFixed(2)} ms, p99 ${(sandbox.p99 - bare.p99).toFixed(2)} ms  (target p99 < 2 ms)  load ${loadavg()[0].toFixed(1)}`,
      );
    const runtime = await SandboxRuntime.start(syntheticMesh(WORKLOADS), { block: 240, certLifetimeMs: 3_600_000 });
    const bare = new BarePair();
    await bare.start(WORKLOADS);
    let failed = 0;
    const { raw, pair } = bare.contenders();
    const sandbox: Contender = { call: (c) => sandboxCall(runtime, c), handshakes: () => runtime.ctx.stats.mtlsHandshakes };
    const report = (title: string, runs: { raw?: Run; pair: Run; sandbox: Run }) => {
      console.log(title);
      if (runs.raw) row('bare TLS, no HTTP stack', runs.raw);
      row('bare Node mTLS pair', runs.pair);
      row('sandbox (policy checks on)', runs.sandbox);
      failed += (runs.raw?.failed ?? 0) + runs.pair.failed + runs.sandbox.failed;
      return runs;
    };
    /** The three contenders on the same calls, one call at a time, taking turns on every call (interleavedRun). */
    const inTurns = async (title: string, calls: BenchCall[]) => {
      gc();
      const [r, p, s] = await interleavedRun(calls, [raw, pair, sandbox]);
      return report(title, { raw: r, pair: p, sandbox: s });
    };
    try {
      const random = randomCalls();
      const rate = (title: string, p: Run, s: Run) =>
        console.log(
          `${title}: ${(s.rate / p.rate).toFixed(2)} wall, ${(p.cpuMsPerCall / s.cpuMsPerCall).toFixed(2)} by CPU per call  (target >= 0.50)  load ${loadavg()[0].toFixed(1)}`,
        );

      // The issue's benchmark as `ztn sandbox replay` runs it right after `up`: 10,000 calls from random callers to
      // random services over 50 workloads, one at a time (the replay's default), every contender starting with no
      // pooled connection, so each makes a handshake on the first call of every pair (about 2,450) and reuses it
      // after; rate and latency from the same run. First as deployed, each contender in a process of its own
      // (ContenderProcess), taking turns of OWN_PROCESS_TURN calls, then the same taking turns on every call (new
      // processes, no pooled connection again); then all three in this one process, taking turns call by call.
      // Next to them, the pair with the sidecars' two TLS settings (no stateless tickets, the identity check on the
      // leaf), which show what of the sandbox's figures comes from doing the same verification with less work.
      const inOwnProcesses = async (turn: number) => {
        const own = await interleavedInOwnProcesses(random, ['raw', 'pair', 'sandbox', 'tuned'], turn);
        const [ownRaw, ownPair, ownSandbox, ownTuned] = own.runs;
        const turns = turn === 1 ? 'in turns call by call' : `in turns of ${turn} calls`;
        report(
          `${CALLS} calls over ${WORKLOADS} workloads one at a time from no pooled connection (a replay right after up), each contender in its own process, ${turns}`,
          {
            raw: ownRaw,
            pair: ownPair,
            sandbox: ownSandbox,
          },
        );
        row("pair, sidecars' TLS settings", ownTuned);
        failed += ownTuned.failed;
        rate('sandbox / bare rate', ownPair, ownSandbox);
        added(ownPair, ownSandbox);
        console.log(
          `against the pair with the sidecars' TLS settings: rate ${(ownSandbox.rate / ownTuned.rate).toFixed(2)}, added p50 ${(ownSandbox.p50 - ownTuned.p50).toFixed(2)} ms, p99 ${(ownSandbox.p99 - ownTuned.p99).toFixed(2)} ms`,
        );
        console.log('where the p99 is:');
        whereTheP99Is('bare Node mTLS pair', ownPair, own.collections[1]);
        whereTheP99Is('sandbox (policy checks on)', ownSandbox, own.collections[2]);
        whereTheP99Is("pair, sidecars' TLS settings", ownTuned, own.collections[3]);
      };
      await inOwnProcesses(OWN_PROCESS_TURN);
      await inOwnProcesses(1);

      const replay = await inTurns(
        `${CALLS} calls over ${WORKLOADS} workloads one at a time from no pooled connection (a replay right after up), all in this process, in turns`,
        random,
      );
      rate('sandbox / bare rate', replay.pair, replay.sandbox);
      added(replay.pair, replay.sandbox);
      console.log('where the p99 is:');
      whereTheP99Is('bare Node mTLS pair', replay.pair);
      whereTheP99Is('sandbox (policy checks on)', replay.sandbox);
      // ZTN_BENCH_REPLAY_ONLY=1: these three runs alone (4.5 minutes instead of 7), for trying a change.
      if (process.env.ZTN_BENCH_REPLAY_ONLY) return;

      // Throughput: the same calls, 16 in flight, again from no pooled connection. One after another (calls in
      // flight cannot take turns), with a collection before each.
      bare.closeIdle();
      runtime.closeIdleConnections();
      const loaded = async (title: string) => {
        gc();
        const r = await timedRun(
          random,
          CONCURRENCY,
          (c) => raw.call(c),
          () => raw.handshakes(),
        );
        gc();
        const p = await timedRun(
          random,
          CONCURRENCY,
          (c) => pair.call(c),
          () => pair.handshakes(),
        );
        gc();
        const s = await sandboxReplay(runtime, random, CONCURRENCY);
        report(title, { raw: r, pair: p, sandbox: s });
        rate('sandbox / bare rate', p, s);
      };
      await loaded(`${CALLS} calls over ${WORKLOADS} workloads, concurrency ${CONCURRENCY}, from no pooled connection`);
      // The same calls again, every pair pooled now: HTTP over kept connections only (three HTTP legs per sandbox
      // call against the pair's one).
      await loaded(`${CALLS} calls over ${WORKLOADS} workloads, concurrency ${CONCURRENCY}, on pooled connections`);

      // Warm: one call at a time on pooled connections, as a mesh runs most of the time.
      const warm = await inTurns(`${CALLS} calls one at a time on pooled connections (the same calls again), in turns`, random);
      added(warm.pair, warm.sandbox);

      // Paced: the same calls at a fixed rate per side, open loop, both sides at once (pacedRun).
      gc();
      const [pacedPair, pacedSandbox] = await pacedRun(random, PACED_RATE, [pair, sandbox]);
      report(`${CALLS} calls at ${PACED_RATE} calls/s on each side, open loop, both sides at once (pooled connections)`, {
        pair: pacedPair,
        sandbox: pacedSandbox,
      });
      added(pacedPair, pacedSandbox);

      // Cold: every caller and destination pair once, after every contender closed its idle connections, so every
      // call makes a full mutual handshake on every side.
      bare.closeIdle();
      runtime.closeIdleConnections();
      const cold = shuffledPairs(WORKLOADS, lcg(7)).slice(0, CALLS);
      const first = await inTurns(`${cold.length} calls one at a time, each on a new pair (a full mTLS handshake per call on both sides), in turns`, cold);
      added(first.pair, first.sandbox);
    } finally {
      bare.stop();
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
