// `ztn simulate`: predicted verdicts for a traffic file or the full matrix, as text or JSON.
import { buildMesh, parseTrafficFile, simulateMatrix, simulateTraffic, TrafficFileError } from '../../policy/index';
import type { CallResult, ExplanationStep, SimulationResult } from '../../policy/types';
import { readFlagFile } from '../inputFiles';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../usage';
import { oneOf, openWorkspace, parseCommandArgs, warnAboutUnreadFiles } from '../workspaceArgs';
import { displayText } from '../../model/displayText';

function stepText(s: ExplanationStep): string {
  const where = s.policy ? ` ${s.policy}${s.file ? ` (${s.file}:${s.line})` : ''}:` : ':';
  return `    ${s.step}${where} ${s.detail}`;
}

function callText(c: CallResult): string {
  const lines = [`${c.name}`, `  ${c.from} -> ${c.to}:${c.port}  ${c.mtls ? 'mTLS' : 'plaintext'}  ${c.verdict}`];
  lines.push(...c.explanation.map(stepText));
  for (const k of c.caveats ?? []) lines.push(`  caveat: ${k.detail}${k.file ? ` (${k.file}:${k.line})` : ''}`);
  if (c.expectation) lines.push(c.expectation.ok ? '  expectation: ok' : `  expectation FAILED: ${(c.expectation.failures ?? []).join('; ')}`);
  return lines.map(displayText).join('\n');
}

/** The matrix as one line per pair (explanations are in --format json): it has workloads x ports rows. */
export function matrixText(result: SimulationResult): string {
  const s = result.summary;
  const rows = result.calls.map((c) =>
    displayText(
      `${c.name} => ${c.to}:${c.port}  ${c.mtls ? 'mTLS' : 'plaintext'}  ${c.verdict}${c.caveats?.length ? `  (${c.caveats.length} caveat(s): see --format json)` : ''}`,
    ),
  );
  return `${rows.join('\n')}${rows.length ? '\n' : ''}${s.total} pair(s): ${s.allowed} allowed, ${s.denied} denied, ${s.mtls} mTLS\n`;
}

export function simulationText(result: SimulationResult): string {
  const s = result.summary;
  const body = result.calls.map(callText).join('\n\n');
  const withCaveats = result.calls.filter((c) => c.caveats?.length).length;
  const caveats = withCaveats ? `, ${withCaveats} resting on caveats` : '';
  return `${body}${body ? '\n\n' : ''}${s.total} call(s): ${s.allowed} allowed, ${s.denied} denied, ${s.mtls} mTLS, ${s.expectationsFailed} expectation(s) failed${caveats}\n`;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'predict mTLS and policy verdicts for a traffic file or the full matrix',
  usage: `Usage: ztn simulate [paths...] (--traffic traffic.yaml | --matrix) [--format text|json] [--config ztn.yaml]

Predicts, from manifests alone, whether each call is mTLS and what decides it (NetworkPolicy,
PeerAuthentication, DestinationRule / auto mTLS, AuthorizationPolicy), with an explanation chain.
  --traffic  a TrafficReplay file (path relative to the current folder)
  --matrix   every workload to every Service port (text: one line per pair; json: with explanations)
  --format   text (default) or json (one object per call with verdict, mtls and the explanation chain; docs/simulation.md)
  --config   ztn.yaml to use (default: nearest one above the first path)
Exit codes: 0 every expectation holds, 1 one failed, 2 bad usage or input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      traffic: { type: 'string' },
      matrix: { type: 'boolean' },
      format: { type: 'string' },
      config: { type: 'string' },
    });
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    if (!values.traffic && !values.matrix) throw new UsageError('give --traffic FILE or --matrix');
    if (values.traffic && values.matrix) throw new UsageError('--traffic and --matrix cannot be combined');

    const index = openWorkspace(positionals, values.config, io);
    let replay;
    if (values.traffic) {
      const { text } = readFlagFile(io, 'traffic', values.traffic, index.config.maxFileBytes);
      try {
        replay = parseTrafficFile(values.traffic, text);
      } catch (err) {
        if (err instanceof TrafficFileError) throw new UsageError(err.message);
        throw err;
      }
    }
    warnAboutUnreadFiles(index, io);
    const mesh = buildMesh(index);
    for (const p of mesh.problems) io.err(`warning: ${displayText(`${p.file}:${p.line}: ${p.message}`)}\n`);
    const result = replay ? simulateTraffic(mesh, replay) : simulateMatrix(mesh);
    io.out(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : replay ? simulationText(result) : matrixText(result));
    return result.summary.expectationsFailed > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
