// `ztn diff`: what a change does to the mesh, between two git revisions or two folders (docs/diff.md).
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { buildMesh, parseTrafficFile, simulateMatrix, simulateTraffic, TrafficFileError } from '../../policy/index';
import { diffCallOf, diffMesh, type DiffCall, type DiffFinding, type DiffSide, type MeshDiff } from '../../policy/diff';
import type { TrafficReplay } from '../../policy/types';
import { buildTrustGraph } from '../../graph/build';
import { lint } from '../../rules/engine';
import { ConfigError } from '../../config/load';
import type { Finding } from '../../rules/types';
import { lintToSarif } from '../../report/sarif';
import { diffMarkdown, diffText } from '../../report/diffText';
import { readFlagFile, writeFlagFile } from '../inputFiles';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command, type Io } from '../usage';
import { oneOf, openWorkspace, parseCommandArgs } from '../workspaceArgs';
import { checkoutRevision, defaultBase, gitTopLevel, removeRevision, resolveCommit, treeOf } from '../gitRevision';

const FAIL_ON = ['opened', 'plaintext', 'denied-expected', 'findings', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];
export const DEFAULT_FAIL_ON: FailOn[] = ['plaintext', 'denied-expected'];

type LintedFinding = DiffFinding & { finding: Finding };

interface SideSource {
  /** What to call it in messages: a ref and its commit, a folder, or the working tree. */
  label: string;
  /** The folder standing for the current folder on this side. */
  cwd: string;
  /** A temporary checkout to remove afterwards, and the repository's top folder it stands for. */
  temporary?: string;
  top?: string;
  /** The git tree of a ref side: two sides with the same tree are loaded once. */
  tree?: string;
}

/**
 * A path given on the command line, as it is on this side: relative paths are relative to the side's folder; an
 * absolute path inside the repository points into the checkout (never at the working tree); outside it, exit 2.
 */
function onSide(source: SideSource, io: Io, path: string): string {
  if (!source.temporary || !source.top || !isAbsolute(path)) return resolve(source.cwd, path);
  const rel = relative(source.top, resolve(io.cwd, path));
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new UsageError(`${path} is outside the git repository ${source.top}, so it has no version at ${source.label}`);
  return resolve(source.temporary, rel);
}

/** A side from --base/--head: an existing folder, else a git ref read into a temporary folder; undefined: the working tree. */
function openSource(io: Io, flag: string, value: string | undefined, fallbackRef: (repo: string) => string | undefined, reuse?: SideSource): SideSource {
  if (value !== undefined) {
    const folder = resolve(io.cwd, value);
    if (existsSync(folder) && statSync(folder).isDirectory()) return { label: value, cwd: folder };
  }
  const top = gitTopLevel(io.cwd);
  if (!top) {
    if (value === undefined) return { label: 'working tree', cwd: io.cwd };
    throw new UsageError(`--${flag} ${value}: no such folder, and ${io.cwd} is not in a git repository`);
  }
  const ref = value ?? fallbackRef(top);
  if (ref === undefined) return { label: 'working tree', cwd: io.cwd };
  const commit = value === undefined ? ref : resolveCommit(top, ref);
  const tree = treeOf(top, commit);
  if (reuse && reuse.tree === tree) return { ...reuse, label: `${value ?? 'merge-base'} (${commit.slice(0, 12)})`, temporary: undefined };
  const folder = checkoutRevision(top, commit);
  return { label: `${value ?? 'merge-base'} (${commit.slice(0, 12)})`, cwd: resolve(folder, relative(top, io.cwd)), temporary: folder, top, tree };
}

function loadSide(
  source: SideSource,
  io: Io,
  paths: string[],
  config: string | undefined,
  traffic: string | undefined,
  edges: 'known' | 'allowed',
): { side: DiffSide<LintedFinding>; root: string; hasTraffic: boolean } {
  const sideIo: Io = { ...io, cwd: source.cwd };
  let index;
  try {
    index = openWorkspace(
      paths.map((p) => onSide(source, io, p)),
      config === undefined ? undefined : onSide(source, io, config),
      sideIo,
    );
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) throw new UsageError(`${source.label}: ${(err as Error).message}`);
    throw err;
  }
  let replay: TrafficReplay | undefined;
  if (traffic && existsSync(onSide(source, io, traffic))) {
    const { text } = readFlagFile(sideIo, 'traffic', onSide(source, io, traffic), index.config.maxFileBytes);
    try {
      replay = parseTrafficFile(traffic, text);
    } catch (err) {
      if (err instanceof TrafficFileError) throw new UsageError(`${source.label}: ${err.message}`);
      throw err;
    }
  }
  const mesh = buildMesh(index);
  const root = index.config.root;
  const linted = lint(index).findings;
  const findings: LintedFinding[] = linted.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...(f.object ? { object: f.object } : {}),
    file: relative(root, f.file).split('\\').join('/'),
    line: f.range.start.line + 1,
    finding: f,
  }));
  const namespaceOf = new Map(mesh.workloads.map((w) => [w.id, w.namespace]));
  const hostNamespace = new Map(mesh.services.map((s) => [s.host, s.namespace]));
  let calls: DiffCall[];
  if (edges === 'allowed') {
    calls = simulateMatrix(mesh).calls.map((c) =>
      diffCallOf(c, namespaceOf.get(c.from), namespaceOf.get(c.to) ?? hostNamespace.get(c.to.replace(/:\d+$/, ''))),
    );
  } else {
    const expected = new Set<string>();
    if (replay) {
      const results = simulateTraffic(mesh, replay).calls;
      replay.calls.forEach((c, i) => {
        if (c.expect?.allowed === true || c.expect?.verdict === 'allowed') expected.add(results[i].name);
      });
    }
    const graph = buildTrustGraph(index, { mesh, findings: linted, ...(replay ? { traffic: replay } : {}) });
    const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    calls = graph.edges.map((e): DiffCall => {
      const call = e.calls.find((c) => c.allowed) ?? e.calls[0];
      const name = e.calls.find((c) => c.name)?.name;
      const fromNamespace = nodes.get(e.source)?.namespace;
      const toNamespace = nodes.get(e.target)?.namespace;
      return {
        key: e.id,
        ...(name ? { name } : {}),
        from: e.source,
        to: e.target,
        port: e.port,
        ...(fromNamespace ? { fromNamespace } : {}),
        ...(toNamespace ? { toNamespace } : {}),
        verdict: e.verdict,
        mtls: call?.mtls ?? false,
        explanation: call?.explanation ?? [],
        ...(e.calls.some((c) => c.origin === 'traffic' && c.name && expected.has(c.name)) ? { expectsAllowed: true } : {}),
      };
    });
  }
  return { side: { mesh, calls, findings }, root, hasTraffic: !!replay };
}

/** Whether the diff trips any of the --fail-on conditions. */
export function diffFails(diff: MeshDiff, failOn: readonly FailOn[]): boolean {
  const s = diff.summary;
  return failOn.some((f) => {
    switch (f) {
      case 'opened':
        return s.opened > 0 || (diff.edges === 'allowed' && s.edgesAdded > 0);
      case 'plaintext':
        return s.downgraded > 0 || s.plaintextOpened > 0 || s.serverModeWeaker > 0;
      case 'denied-expected':
        return s.expectedDenied > 0;
      case 'findings':
        return s.findingsAdded > 0;
      default:
        return false;
    }
  });
}

function parseFailOn(value: string | undefined): FailOn[] {
  if (value === undefined) return DEFAULT_FAIL_ON;
  return value.split(',').map((v) => oneOf('fail-on', v.trim(), FAIL_ON, 'never'));
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'what a change does to the mesh: calls opened or closed, mTLS downgrades, identities, edges, findings',
  usage: `Usage: ztn diff [paths...] [--base REF|DIR] [--head REF|DIR] [--traffic F] [--edges known|allowed]
                [--format text|json|markdown|sarif] [--fail-on LIST] [--config F] [--output F]

Compares two revisions of the workspace, each with its own ztn.yaml as it is there (docs/diff.md).
  --base     a folder, or a git ref read through git (never the work tree or index);
             default: the merge-base of HEAD with origin/HEAD, else main, else master
  --head     a folder or a git ref; default: the working tree
  --traffic  a traffic file, read on each side where it exists there
  --edges    known (default: traffic calls and manifest references) or allowed (every allowed pair)
  --format   text (default), json (kind MeshDiff), markdown (a pull-request comment), sarif (new findings only)
  --fail-on  comma-separated: opened, plaintext, denied-expected, findings, never (default: plaintext,denied-expected)
  --config   ztn.yaml to use on each side (relative to each side's folder)
  --output   write the report to this file instead of stdout
Exit codes: 0 nothing in --fail-on happened, 1 something did, 2 bad usage, ref or path.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      base: { type: 'string' },
      head: { type: 'string' },
      traffic: { type: 'string' },
      edges: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      output: { type: 'string' },
    });
    const format = oneOf('format', values.format, ['text', 'json', 'markdown', 'sarif'] as const, 'text');
    const edges = oneOf('edges', values.edges, ['known', 'allowed'] as const, 'known');
    const failOn = parseFailOn(values['fail-on']);
    const sources: SideSource[] = [];
    try {
      sources.push(openSource(io, 'base', values.base, defaultBase));
      sources.push(openSource(io, 'head', values.head, () => undefined, sources[0]));
      const base = loadSide(sources[0], io, positionals, values.config, values.traffic, edges);
      // The same tree on both sides (a ref against itself, a no-op merge): one load, an empty diff.
      const head =
        sources[1].tree !== undefined && sources[1].tree === sources[0].tree
          ? base
          : loadSide(sources[1], io, positionals, values.config, values.traffic, edges);
      if (values.traffic && !base.hasTraffic && !head.hasTraffic) throw new UsageError(`--traffic ${values.traffic}: not found on either side`);
      const diff = diffMesh(base.side, head.side, edges);
      const labels = { base: sources[0].label, head: sources[1].label };
      let text: string;
      if (format === 'sarif') {
        text = JSON.stringify(lintToSarif({ findings: diff.findingsAdded.map((f) => f.finding), suppressed: [], filesChecked: 0 }, head.root), null, 2) + '\n';
      } else if (format === 'json') {
        const strip = (f: LintedFinding): DiffFinding => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          ...(f.object ? { object: f.object } : {}),
          file: f.file,
          line: f.line,
        });
        text =
          JSON.stringify(
            { ...diff, base: labels.base, head: labels.head, findingsAdded: diff.findingsAdded.map(strip), findingsFixed: diff.findingsFixed.map(strip) },
            null,
            2,
          ) + '\n';
      } else {
        text = format === 'markdown' ? diffMarkdown(diff, labels) : diffText(diff, labels);
      }
      if (values.output) writeFlagFile(io, 'output', values.output, text);
      else io.out(text);
      return diffFails(diff, failOn) ? EXIT_FINDINGS : EXIT_OK;
    } finally {
      for (const s of sources) if (s.temporary) removeRevision(s.temporary);
    }
  },
};
