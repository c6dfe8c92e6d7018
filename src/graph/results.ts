// Reads a simulate/sandbox results file (the shape docs/simulation.md describes) and checks each call before the graph uses it.
import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { CallResult, SimulationResult, Verdict } from '../policy/types';
import { computeLineStarts, positionAt } from '../model/position';
import { AliasLimitError, boundedToJs } from '../model/yamlDocuments';

const VERDICTS: readonly Verdict[] = ['allowed', 'denied-by-network-policy', 'rejected-by-peer-authentication', 'denied-by-authorization', 'no-route'];

export class ResultsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/** Parses results JSON (or YAML); throws ResultsFileError with the position of the first bad entry. */
export function parseResultsFile(file: string, text: string): SimulationResult {
  const doc = parseDocument(text, { prettyErrors: false });
  const lines = { lineStarts: computeLineStarts(text) };
  const fail = (node: YamlNode | null | undefined, detail: string): never => {
    const offset = node?.range?.[0] ?? 0;
    const pos = positionAt(lines, offset);
    throw new ResultsFileError(file, pos.line + 1, pos.character + 1, detail);
  };
  if (doc.errors.length > 0) {
    const pos = positionAt(lines, doc.errors[0].pos[0]);
    throw new ResultsFileError(file, pos.line + 1, pos.character + 1, doc.errors[0].message.split('\n')[0]);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'expected an object with a "calls" list (ztn simulate --format json or sandbox replay output)');
  const callsNode = root.get('calls', true) as YamlNode | undefined;
  if (!isSeq(callsNode)) return fail(callsNode ?? root, '"calls" must be a list');
  let whole: { calls: unknown[] };
  try {
    whole = boundedToJs(doc) as { calls: unknown[] };
  } catch (err) {
    if (err instanceof AliasLimitError) {
      const pos = positionAt(lines, err.offset);
      throw new ResultsFileError(file, pos.line + 1, pos.character + 1, err.message);
    }
    throw err;
  }
  const calls: CallResult[] = [];
  callsNode.items.forEach((item, i) => {
    const node = item as YamlNode;
    const value = whole.calls[i] as Record<string, unknown> | undefined;
    if (!isMap(node) || !value) return fail(node, `calls[${i}] must be an object`);
    const field = (key: string) => (node.get(key, true) as YamlNode | undefined) ?? node;
    for (const key of ['from', 'to'] as const)
      if (typeof value[key] !== 'string' || value[key] === '') fail(field(key), `calls[${i}].${key} must be a non-empty string`);
    if (typeof value.port !== 'number' || !Number.isInteger(value.port)) fail(field('port'), `calls[${i}].port must be an integer`);
    if (!VERDICTS.includes(value.verdict as Verdict)) fail(field('verdict'), `calls[${i}].verdict must be one of ${VERDICTS.join(', ')}`);
    for (const key of ['mtls', 'allowed'] as const) if (typeof value[key] !== 'boolean') fail(field(key), `calls[${i}].${key} must be true or false`);
    if (value.explanation !== undefined && !Array.isArray(value.explanation)) fail(field('explanation'), `calls[${i}].explanation must be a list`);
    if (value.agrees !== undefined && typeof value.agrees !== 'boolean') fail(field('agrees'), `calls[${i}].agrees must be true or false`);
    calls.push({
      name: typeof value.name === 'string' ? value.name : '',
      from: value.from as string,
      to: value.to as string,
      port: value.port as number,
      mtls: value.mtls as boolean,
      allowed: value.allowed as boolean,
      verdict: value.verdict as Verdict,
      explanation: (value.explanation as CallResult['explanation'] | undefined) ?? [],
      expectation: value.expectation as CallResult['expectation'],
      observed: value.observed as CallResult['observed'],
      agrees: value.agrees as boolean | undefined,
      ...(Array.isArray(value.caveats) ? { caveats: value.caveats as CallResult['caveats'] } : {}),
    });
  });
  const allowed = calls.filter((c) => c.allowed).length;
  return {
    calls,
    summary: {
      total: calls.length,
      allowed,
      denied: calls.length - allowed,
      mtls: calls.filter((c) => c.mtls).length,
      expectationsFailed: calls.filter((c) => c.expectation && !c.expectation.ok).length,
    },
  };
}
