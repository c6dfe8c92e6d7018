// `ztn sandbox up|status|replay|verify|down|traffic`: arguments and output only; the engines do the work.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseTrafficFile, TrafficFileError } from '../../policy';
import type { SimulationResult, TrafficReplay } from '../../policy/types';
import { parseResultsFile, ResultsFileError } from '../../graph/results';
import { replayToJson } from '../../report/replayJson';
import { replayToText } from '../../report/replayText';
import { verifyToHtml } from '../../report/verifyHtml';
import { verifyToJunit } from '../../report/verifyJunit';
import { verifyResults } from '../../report/verifyModel';
import { verifyToText } from '../../report/verifyText';
import type { WorkspaceIndex } from '../../model/workspace';
import type { EngineName, SandboxContext, SandboxEngine, SandboxStatus } from '../../../simulator/engine';
import { SandboxError } from '../../../simulator/shared/errors';
import { ENGINE_NAMES, getEngine } from '../../../simulator/registry';
import { generateTraffic } from '../../../simulator/trafficGenerator';
import { descriptorWarning } from '../../../simulator/shared/supervisorResources';
import { readFlagFile, writeFlagFile } from '../inputFiles';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command, type Io } from '../usage';
import { oneOf, openWorkspace, parseCommandArgs } from '../workspaceArgs';
import { displayText } from '../../model/displayText';

const ACTIONS = ['up', 'status', 'replay', 'verify', 'down', 'traffic'] as const;
type Action = (typeof ACTIONS)[number];
/** File the last replay's results are kept in, so `verify` can check them without replaying again. */
const LAST_RESULTS = 'last-results.json';

function statusText(status: SandboxStatus): string {
  const d = status.details;
  if (!status.running) {
    const stale = status.engine === 'local' && status.details.stale;
    return stale
      ? `no ${status.engine} sandbox answers in ${d.stateDir}; stale files are left (run \`ztn sandbox down\`)\n`
      : `no ${status.engine} sandbox is running (${d.stateDir})\n`;
  }
  const pid = status.engine === 'local' && status.details.pid ? `supervisor pid ${status.details.pid}, ` : '';
  const lines = [`${status.engine} sandbox running since ${status.startedAt ?? '?'} (${pid}${d.stateDir})`];
  if (status.engine === 'kind') {
    for (const c of status.details.clusters ?? [])
      lines.push(`  cluster ${c.name}: kind cluster ${c.kindCluster}, ${c.healthy ? 'API answers' : 'API does not answer'}`);
  }
  const width = Math.max(8, ...status.workloads.map((w) => w.id.length));
  lines.push(`  ${'workload'.padEnd(width)}  ${'address'.padEnd(15)}  ${'ports'.padEnd(12)}  ${'sidecar'.padEnd(7)}  certificate expires`);
  for (const w of status.workloads) {
    lines.push(
      `  ${w.id.padEnd(width)}  ${w.address.padEnd(15)}  ${(w.ports.join(',') || '-').padEnd(12)}  ${(w.sidecar ? 'yes' : 'no').padEnd(7)}  ${w.certExpiresAt ?? '-'}`,
    );
  }
  if (status.engine === 'local') {
    for (const g of status.details.gateways ?? []) lines.push(`  east-west gateway of ${g.network}: ${g.address}:${g.port}`);
    for (const n of status.details.notices ?? []) lines.push(`  skipped: ${n}`);
    const r = status.details.resources;
    if (r) {
      const fds =
        r.descriptors === undefined
          ? 'descriptors: unknown here'
          : `descriptors: ${r.descriptors} open${r.descriptorLimit !== undefined ? ` of ${r.descriptorLimit}` : ''}`;
      const c = r.connections;
      lines.push(
        `  supervisor ${fds}; connections: ${c.outbound} outbound, ${c.inbound} inbound, ${c.app} app, ${c.gateway} gateway, ${r.idlePooled} pooled idle`,
      );
      const warning = descriptorWarning(r);
      if (warning) lines.push(`  warning: ${warning}`);
    }
  }
  return lines.map(displayText).join('\n') + '\n';
}

function readTraffic(io: Io, path: string, maxBytes: number): TrafficReplay {
  const { file, text } = readFlagFile(io, 'traffic', path, maxBytes);
  try {
    return parseTrafficFile(file, text);
  } catch (err) {
    if (err instanceof TrafficFileError) throw new UsageError(err.message);
    throw err;
  }
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive integer (got '${value}')`);
  return n;
}

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'run a mesh with real mTLS (local or kind), replay traffic, verify the predictions',
  usage: `Usage: ztn sandbox <up|status|replay|verify|down|traffic> [paths...] [options]

  up        start the sandbox for the workspace and return when every listener is ready
  status    workloads, addresses, ports and certificate expiry of the running sandbox
  replay    send the calls of --traffic F through the sandbox and report what the wire showed
  verify    compare observed and predicted verdicts and the file's expectations (exit 1 on any mismatch);
            replays --traffic F first, else checks the last replay
  down      stop everything; no process, port or key is left, also after a crash
  traffic   write a traffic file: every call from a workload to a Service port the engine can replay,
            expecting today's prediction (--from-graph is accepted and means the same)

Options:
  --engine       local (default, or ztn.yaml sandbox.engine) or kind
  --traffic F    traffic replay file (replay, verify)
  --concurrency  calls in flight at once (default 1)
  --timeout MS   per-call timeout in milliseconds (default 5000)
  --format       text (default), json, junit (replay, verify) or html (verify)
  --html F       verify: also write the standalone HTML report to F
  --output F     write the report (or the generated traffic file) to F instead of stdout
  --state-dir D  sandbox folder (default <ztn.yaml folder>/.ztn/sandbox/<engine>)
  --dry-run      say what up/down would do; change nothing
  --allow-stale  replay even when the sandbox was started from other manifests (else exit 2: sandbox is stale)
  --config F     ztn.yaml to use (default: nearest one above the first path)`,
  async run(args, io) {
    try {
      return await runSandbox(args, io);
    } catch (err) {
      // A sandbox that is not running, not answering, or cannot start is the user's next step, not a crash.
      if (err instanceof SandboxError) throw new UsageError(err.message);
      throw err;
    }
  },
};

const OPTIONS = {
  engine: { type: 'string' },
  traffic: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  format: { type: 'string' },
  html: { type: 'string' },
  output: { type: 'string' },
  'state-dir': { type: 'string' },
  'from-graph': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'allow-stale': { type: 'boolean' },
  config: { type: 'string' },
} as const;

/** One `ztn sandbox` invocation, parsed: what to do, on which workspace and engine, and where output goes. */
interface Invocation {
  action: Action;
  values: ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];
  index: WorkspaceIndex;
  engineName: EngineName;
  stateDir: string;
  io: Io;
  /** Writes the report to --output F, or to stdout. */
  write(text: string): void;
}

async function runSandbox(args: string[], io: Io): Promise<number> {
  const run = parseInvocation(args, io);
  const engine = engineFor(run.engineName);
  if (run.action === 'traffic') return writeGeneratedTraffic(run, engine);
  const ctx: SandboxContext = {
    stateDir: run.stateDir,
    index: run.index,
    dryRun: run.values['dry-run'] === true,
    onProgress: (e) => io.err(`${e.message}\n`),
    log: (line) => io.err(`${line}\n`),
  };
  if (run.action === 'up' || run.action === 'status') return reportStatus(run, run.action === 'up' ? await engine.up(ctx) : await engine.status(ctx));
  if (run.action === 'down') {
    await engine.down(ctx);
    return EXIT_OK;
  }
  const { result, source } = await replayOrLastResults(run, engine, ctx);
  return run.action === 'replay' ? reportReplay(run, result, source) : reportVerification(run, result, source);
}

function parseInvocation(args: string[], io: Io): Invocation {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  const [actionArg, ...paths] = positionals;
  if (!actionArg) throw new UsageError(`missing action: one of ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(actionArg)) throw new UsageError(`unknown action '${actionArg}': one of ${ACTIONS.join(', ')}`);
  const index = openWorkspace(paths, values.config, io);
  const engineName = oneOf('engine', values.engine, ENGINE_NAMES, index.config.sandbox.engine) as EngineName;
  const stateDir = values['state-dir'] ? resolve(io.cwd, values['state-dir']) : join(index.config.root, '.ztn', 'sandbox', engineName);
  const write = (text: string) => {
    if (!values.output) return io.out(text);
    const out = writeFlagFile(io, 'output', values.output, text, true);
    io.err(`wrote ${relative(io.cwd, out) || out}\n`);
  };
  return { action: actionArg as Action, values, index, engineName, stateDir, io, write };
}

function engineFor(name: EngineName): SandboxEngine {
  try {
    return getEngine(name);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function writeGeneratedTraffic(run: Invocation, engine: SandboxEngine): number {
  const { calls, skipped, yaml } = generateTraffic(run.index, engine);
  run.write(yaml);
  if (run.values.output)
    run.io.err(`${calls.length} call(s) the ${engine.name} sandbox can replay${skipped ? ` (${skipped} left out: source or port not run by it)` : ''}\n`);
  return EXIT_OK;
}

function reportStatus(run: Invocation, status: SandboxStatus): number {
  if (status.plan !== undefined && run.values.format !== 'json') {
    run.write(status.plan);
    return EXIT_OK;
  }
  const format = oneOf('format', run.values.format, ['text', 'json'] as const, 'text');
  run.write(format === 'json' ? JSON.stringify(status, null, 2) + '\n' : statusText(status));
  return EXIT_OK;
}

/** Replays --traffic F (and keeps the results for a later verify), or reads the last replay's results for verify. */
async function replayOrLastResults(run: Invocation, engine: SandboxEngine, ctx: SandboxContext): Promise<{ result: SimulationResult; source: string }> {
  const { values, io, stateDir } = run;
  const lastResults = join(stateDir, LAST_RESULTS);
  if (values.traffic) {
    const trafficPath = resolve(io.cwd, values.traffic);
    const options = {
      concurrency: positiveInt('concurrency', values.concurrency),
      timeoutMs: positiveInt('timeout', values.timeout),
      allowStale: values['allow-stale'] === true,
    };
    const result = await engine.replay(ctx, readTraffic(io, trafficPath, run.index.config.maxFileBytes), options);
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    writeFileSync(lastResults, JSON.stringify(replayToJson(result, run.engineName), null, 2) + '\n');
    return { result, source: relative(io.cwd, trafficPath) || trafficPath };
  }
  if (run.action !== 'verify') throw new UsageError('replay needs --traffic F');
  if (!existsSync(lastResults)) throw new UsageError(`no replay to verify in ${stateDir}: pass --traffic F`);
  return { result: readResults(io, lastResults, run.index.config.maxFileBytes), source: `last replay (${relative(io.cwd, lastResults)})` };
}

function reportReplay(run: Invocation, result: SimulationResult, source: string): number {
  const format = oneOf('format', run.values.format, ['text', 'json', 'junit'] as const, 'text');
  if (format === 'json') run.write(JSON.stringify(replayToJson(result, run.engineName), null, 2) + '\n');
  else if (format === 'junit') run.write(verifyToJunit(verifyResults(result), source));
  else run.write(replayToText(result));
  return result.summary.expectationsFailed > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function reportVerification(run: Invocation, result: SimulationResult, source: string): number {
  const { values, io } = run;
  const verification = verifyResults(result);
  const format = oneOf('format', values.format, ['text', 'json', 'junit', 'html'] as const, 'text');
  const meta = { title: 'Zero Trust Lens sandbox verification', subtitle: `${source} · ${run.engineName} engine · ${new Date().toISOString()}` };
  if (format === 'json') run.write(JSON.stringify(replayToJson(result, run.engineName, verification), null, 2) + '\n');
  else if (format === 'junit') run.write(verifyToJunit(verification, source));
  else if (format === 'html') run.write(verifyToHtml(verification, meta));
  else run.write(verifyToText(verification));
  if (values.html) {
    const htmlPath = writeFlagFile(io, 'html', values.html, verifyToHtml(verification, meta), true);
    io.err(`HTML report: ${relative(io.cwd, htmlPath) || htmlPath}\n`);
  }
  return verification.ok ? EXIT_OK : EXIT_FINDINGS;
}

function readResults(io: Io, path: string, maxBytes: number): SimulationResult {
  const { text } = readFlagFile(io, 'results', path, maxBytes);
  try {
    return parseResultsFile(path, text);
  } catch (err) {
    if (err instanceof ResultsFileError) throw new UsageError(err.message);
    throw err;
  }
}
