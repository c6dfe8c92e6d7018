// Finds and loads ztn.yaml, validating it against the schema and reporting errors with positions.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { computeLineStarts, findField, rangeOf } from '../model/position';
import type { Range } from '../model/types';
import { ZTN_CONFIG_SCHEMA } from './schema';
import { certLifetimeMs } from './certLifetime';
import { DEFAULT_CLUSTER, type ClusterConfig, type WorkspaceConfig } from '../model/config';
import { DEFAULT_MAX_FILE_BYTES } from '../model/parse';
import { readBoundedFile } from '../model/safeRead';
import { AliasLimitError, boundedToJs } from '../model/yamlDocuments';

export const CONFIG_FILE_NAMES = ['ztn.yaml', 'ztn.yml'];

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly range: Range,
    message: string,
  ) {
    super(`${file}:${range.start.line + 1}:${range.start.character + 1}: ${message}`);
  }
}

/** How many days before expiry a committed certificate is reported (ZT0308). */
export const DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

export function defaultConfig(root: string): WorkspaceConfig {
  return {
    root,
    clusters: [{ ...DEFAULT_CLUSTER }],
    rules: {},
    notSuppressible: [],
    ignore: [],
    fips: false,
    allowedCidrs: [],
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    certificateExpiryWarningDays: DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS,
    sandbox: { engine: 'local', certLifetime: '1h' },
  };
}

/** The nearest ztn.yaml in `start` (a file or folder) or its parents. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(ZTN_CONFIG_SCHEMA);
  const ok = validator(value);
  return ok ? [] : (validator.errors ?? []);
}

/**
 * Where a schema error points: the offending key for an unknown property, the value for a wrong value,
 * the object itself for a missing property.
 */
function errorSpan(root: YamlNode | null, path: (string | number)[], unknownKey: string | undefined): number[] {
  const at = path.length === 0 ? { value: root ?? undefined } : findField(root, path);
  if (unknownKey !== undefined) {
    const key = findField(root, [...path, unknownKey])?.key;
    if (key?.range) return key.range;
  }
  return at?.value?.range ?? at?.key?.range ?? root?.range ?? [0, 0];
}

function ruleMentions(root: YamlNode | null, lines: { lineStarts: number[] }): { id: string; range: Range }[] {
  const out: { id: string; range: Range }[] = [];
  const rules = findField(root, ['rules'])?.value;
  if (isMap(rules)) {
    for (const pair of rules.items) {
      const key = pair.key as YamlNode | null;
      if (isScalar(key) && key.range && String(key.value) !== 'notSuppressible') out.push({ id: String(key.value), range: rangeOf(lines, key.range) });
    }
  }
  for (const list of [findField(root, ['rules', 'notSuppressible'])?.value, findField(root, ['notSuppressible'])?.value]) {
    if (!isSeq(list)) continue;
    for (const item of list.items as YamlNode[]) if (isScalar(item) && item.range) out.push({ id: String(item.value), range: rangeOf(lines, item.range) });
  }
  return out;
}

/** Parses ztn.yaml text; throws ConfigError (file, position, message) on invalid content. */
export function parseConfig(file: string, text: string): WorkspaceConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  const lines = { lineStarts: computeLineStarts(text) };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(file, rangeOf(lines, e.pos), e.message.split('\n')[0]);
  }
  let value: Record<string, unknown> | null;
  try {
    value = boundedToJs(doc) as Record<string, unknown> | null;
  } catch (err) {
    if (err instanceof AliasLimitError) throw new ConfigError(file, rangeOf(lines, [err.offset, err.offset]), err.message);
    throw err;
  }
  const errors = validate(value ?? {});
  if (errors.length > 0) {
    const e = errors[0];
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const where = e.instancePath || '(top level)';
    throw new ConfigError(
      file,
      rangeOf(lines, errorSpan(doc.contents, path, extra)),
      `invalid ztn.yaml at ${where}: ${e.message}${extra ? ` '${extra}'` : ''}`,
    );
  }
  const v = value ?? {};
  // Two clusters of one name would merge into one mesh and each other's manifests: the second is an error at its name.
  const seen = new Set<string>();
  ((v.clusters as { name?: string }[] | undefined) ?? []).forEach((c, i) => {
    if (c.name === undefined) return;
    if (seen.has(c.name)) {
      const at = findField(doc.contents, ['clusters', i, 'name'])?.value?.range ?? [0, 0];
      throw new ConfigError(file, rangeOf(lines, at), `invalid ztn.yaml at /clusters/${i}/name: cluster name '${c.name}' is already used by another cluster`);
    }
    seen.add(c.name);
  });
  const lifetime = (v.sandbox as { certLifetime?: string } | undefined)?.certLifetime;
  const lifetimeCheck = lifetime === undefined ? undefined : certLifetimeMs(lifetime);
  if (lifetimeCheck && 'error' in lifetimeCheck) {
    const at = findField(doc.contents, ['sandbox', 'certLifetime'])?.value?.range ?? [0, 0];
    throw new ConfigError(file, rangeOf(lines, at), `invalid ztn.yaml at /sandbox/certLifetime: ${lifetimeCheck.error}`);
  }
  const config = defaultConfig(dirname(resolve(file)));
  config.file = resolve(file);
  const clusters = v.clusters as Partial<ClusterConfig>[] | undefined;
  if (clusters && clusters.length > 0) {
    config.clusters = clusters.map((c, i) => ({
      ...DEFAULT_CLUSTER,
      network: `network${i + 1}`,
      ...c,
      name: c.name ?? `cluster${i + 1}`,
      trustDomainAliases: c.trustDomainAliases ?? [],
      manifests: c.manifests ?? [],
    }));
  }
  const rules = (v.rules ?? {}) as Record<string, unknown>;
  for (const [id, setting] of Object.entries(rules)) {
    if (id === 'notSuppressible') config.notSuppressible = setting as string[];
    else config.rules[id] = setting as WorkspaceConfig['rules'][string];
  }
  if (Array.isArray(v.notSuppressible)) config.notSuppressible.push(...(v.notSuppressible as string[]));
  config.ruleMentions = ruleMentions(doc.contents, lines);
  config.ignore = ((v.ignore as WorkspaceConfig['ignore']) ?? []).map((entry, i) => {
    const node = findField(doc.contents, ['ignore', i]);
    const span = node?.value?.range;
    return span ? { ...entry, range: rangeOf(lines, [span[0], span[0]]) } : entry;
  });
  config.fips = v.fips === true;
  config.allowedCidrs = (v.allowedCidrs as string[]) ?? [];
  if (typeof v.maxFileBytes === 'number') config.maxFileBytes = v.maxFileBytes;
  if (typeof v.certificateExpiryWarningDays === 'number') config.certificateExpiryWarningDays = v.certificateExpiryWarningDays;
  config.sandbox = { ...config.sandbox, ...((v.sandbox as object) ?? {}) };
  return config;
}

/** ztn.yaml is read only when it is a regular file of at most this many bytes (its own maxFileBytes cannot apply to it). */
export const MAX_CONFIG_BYTES = DEFAULT_MAX_FILE_BYTES;

export function loadConfigFile(file: string): WorkspaceConfig {
  const read = readBoundedFile(file, MAX_CONFIG_BYTES);
  if (!read.ok) {
    throw new ConfigError(
      file,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      `cannot read: ${read.reason.replace(/^cannot read file: /, '')}`,
    );
  }
  return parseConfig(file, read.text);
}

/** Explicit --config wins; otherwise the nearest ztn.yaml above `firstPath`; otherwise defaults. */
export function resolveConfig(firstPath: string, explicit?: string): WorkspaceConfig {
  if (explicit) return loadConfigFile(explicit);
  const found = findConfigFile(firstPath);
  if (found) return loadConfigFile(found);
  let root = resolve(firstPath);
  try {
    if (!statSync(root).isDirectory()) root = dirname(root);
  } catch {
    root = dirname(root);
  }
  return defaultConfig(root);
}
