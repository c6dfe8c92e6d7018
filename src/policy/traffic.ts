// Reads a TrafficReplay file (docs/simulation.md "Traffic files"), rejecting bad input with file:line:column.
import { isMap, isSeq, parseAllDocuments, type Node as YamlNode, type YAMLMap } from 'yaml';
import { computeLineStarts, findField, positionAt } from '../model/position';
import { AliasLimitError, boundedToJs } from '../model/yamlDocuments';
import type { TrafficCall, TrafficReplay, Verdict } from './types';

export class TrafficFileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

const VERDICTS: Verdict[] = ['allowed', 'denied-by-network-policy', 'rejected-by-peer-authentication', 'denied-by-authorization', 'no-route'];
const PROTOCOLS: NonNullable<TrafficCall['protocol']>[] = ['http', 'tcp', 'udp', 'sctp'];
const CALL_KEYS = new Set(['name', 'from', 'to', 'protocol', 'method', 'path', 'headers', 'client', 'expect']);

export function parseTrafficFile(path: string, text: string): TrafficReplay {
  const lines = { lineStarts: computeLineStarts(text) };
  const fail = (offset: number, reason: string): never => {
    const p = positionAt(lines, offset);
    throw new TrafficFileError(path, p.line + 1, p.character + 1, reason);
  };
  const at = (node: YamlNode | null | undefined) => (node as { range?: number[] } | null | undefined)?.range?.[0] ?? 0;

  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) if (d.errors.length > 0) fail(d.errors[0].pos[0], d.errors[0].message.split('\n')[0]);
  const doc = list.find((d) => isMap(d.contents) && String((d.contents as YAMLMap).get('kind')) === 'TrafficReplay');
  if (!doc) {
    const first = list.find((d) => d.contents);
    return fail(at(first?.contents), 'no TrafficReplay document (expected apiVersion: ztn.dev/v1alpha1, kind: TrafficReplay)');
  }
  const root = doc.contents as YAMLMap;
  const apiVersion = root.get('apiVersion');
  if (apiVersion !== 'ztn.dev/v1alpha1')
    fail(at(findField(root, ['apiVersion'])?.value ?? root), `apiVersion must be ztn.dev/v1alpha1 (got ${JSON.stringify(apiVersion ?? null)})`);
  const callsNode = findField(root, ['calls']);
  if (!callsNode || !isSeq(callsNode.value)) return fail(at(callsNode?.value ?? root), "'calls' must be a list of calls");

  let value: Record<string, unknown>;
  try {
    value = boundedToJs(doc) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof AliasLimitError) return fail(err.offset, err.message);
    throw err;
  }
  const rawCalls = value.calls as unknown[];
  const calls: TrafficCall[] = [];
  const callLines: number[] = [];
  rawCalls.forEach((raw, i) => {
    const node = callsNode.value && isSeq(callsNode.value) ? (callsNode.value.items[i] as YamlNode) : undefined;
    const fieldAt = (key: string[]) => at(findField(node, key)?.value ?? findField(node, key)?.key ?? node);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(at(node), `calls[${i}] must be a mapping`);
    const c = raw as Record<string, unknown>;
    for (const key of Object.keys(c)) if (!CALL_KEYS.has(key)) fail(at(findField(node, [key])?.key), `calls[${i}]: unknown field '${key}'`);
    const str = (key: string, required: boolean): string | undefined => {
      const v = c[key];
      if (v === undefined || v === null) {
        if (required) fail(at(node), `calls[${i}]: '${key}' is required`);
        return undefined;
      }
      if (typeof v !== 'string' || v.trim() === '') return fail(fieldAt([key]), `calls[${i}].${key} must be a non-empty string`);
      return v;
    };
    const from = str('from', true)!;
    if (!/^([^/\s]+\/)?[^/\s]+\/[^/\s]+$/.test(from)) fail(fieldAt(['from']), `calls[${i}].from must be [cluster/]namespace/workload (got '${from}')`);
    const to = str('to', true)!;
    if (!/:\d{1,5}$/.test(to)) fail(fieldAt(['to']), `calls[${i}].to must end with :port (got '${to}')`);
    const port = Number(/:(\d+)$/.exec(to)![1]);
    if (port < 1 || port > 65535) fail(fieldAt(['to']), `calls[${i}].to port must be 1-65535 (got ${port})`);
    const protocol = str('protocol', false);
    if (protocol !== undefined && !PROTOCOLS.includes(protocol as NonNullable<TrafficCall['protocol']>))
      fail(fieldAt(['protocol']), `calls[${i}].protocol must be ${PROTOCOLS.join(', ')} (got '${protocol}')`);
    const call: TrafficCall = { from, to };
    const name = str('name', false);
    if (name !== undefined) call.name = name;
    if (protocol) call.protocol = protocol as NonNullable<TrafficCall['protocol']>;
    const method = str('method', false);
    if (method !== undefined) call.method = method;
    const p = str('path', false);
    if (p !== undefined) {
      if (!p.startsWith('/')) fail(fieldAt(['path']), `calls[${i}].path must start with '/'`);
      call.path = p;
    }
    if (c.headers !== undefined) {
      if (!c.headers || typeof c.headers !== 'object' || Array.isArray(c.headers))
        fail(fieldAt(['headers']), `calls[${i}].headers must be a mapping of strings`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(c.headers as Record<string, unknown>)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
          fail(fieldAt(['headers', k]), `calls[${i}].headers.${k} must be a string`);
        headers[k] = String(v);
      }
      call.headers = headers;
    }
    if (c.client !== undefined) {
      const cl = c.client as Record<string, unknown> | null;
      if (!cl || typeof cl !== 'object' || Array.isArray(cl)) return fail(fieldAt(['client']), `calls[${i}].client must be a mapping`);
      for (const k of Object.keys(cl)) if (k !== 'sidecar') fail(at(findField(node, ['client', k])?.key), `calls[${i}].client: unknown field '${k}'`);
      if (cl.sidecar !== undefined && typeof cl.sidecar !== 'boolean') fail(fieldAt(['client', 'sidecar']), `calls[${i}].client.sidecar must be true or false`);
      call.client = cl.sidecar === undefined ? {} : { sidecar: cl.sidecar as boolean };
    }
    if (c.expect !== undefined) {
      const ex = c.expect as Record<string, unknown> | null;
      if (!ex || typeof ex !== 'object' || Array.isArray(ex)) return fail(fieldAt(['expect']), `calls[${i}].expect must be a mapping`);
      const expect: NonNullable<TrafficCall['expect']> = {};
      for (const [k, v] of Object.entries(ex)) {
        if (k === 'mtls' || k === 'allowed') {
          if (typeof v !== 'boolean') fail(fieldAt(['expect', k]), `calls[${i}].expect.${k} must be true or false`);
          expect[k] = v as boolean;
        } else if (k === 'verdict') {
          if (!VERDICTS.includes(v as Verdict)) fail(fieldAt(['expect', k]), `calls[${i}].expect.verdict must be one of ${VERDICTS.join(', ')}`);
          expect.verdict = v as Verdict;
        } else {
          fail(at(findField(node, ['expect', k])?.key), `calls[${i}].expect: unknown field '${k}'`);
        }
      }
      call.expect = expect;
    }
    calls.push(call);
    callLines.push(positionAt(lines, at(node)).line + 1);
  });
  const meta = value.metadata as Record<string, unknown> | undefined;
  return { name: typeof meta?.name === 'string' ? meta.name : 'traffic', calls, lines: callLines, file: path };
}
