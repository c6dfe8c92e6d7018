// The Kubernetes, Istio and Gateway API schemas vendored in schemas/api (docs/api-schemas.md): loaded per kind on first use.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The part of an OpenAPI schema node that scripts/vendor-api-schemas.mjs keeps. */
export interface SchemaNode {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  not?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

export type SchemaSourceName = 'kubernetes' | 'istio' | 'gateway-api';

export interface ApiSchema {
  apiVersion: string;
  kind: string;
  source: SchemaSourceName;
  schema: SchemaNode;
  /** Definitions the schema refers to by `$ref` (Kubernetes' shared types, ObjectMeta). */
  defs: Record<string, SchemaNode>;
}

export interface SchemaSource {
  version: string;
  repository: string;
  tag?: string;
  branch?: string;
  commit?: string;
  path: string;
  channel?: string;
}

interface SchemaIndex {
  sources: Record<SchemaSourceName, SchemaSource>;
  /** `group/version/Kind` (group '' for core) to the file under schemas/api. */
  kinds: Record<string, string>;
}

const SOURCE_LABELS: Record<SchemaSourceName, string> = { kubernetes: 'Kubernetes', istio: 'Istio', 'gateway-api': 'Gateway API' };

let directory: string | undefined;
let index: SchemaIndex | undefined;
let groups: Map<string, Map<string, string[]>> | undefined;
const loaded = new Map<string, ApiSchema | undefined>();

/**
 * schemas/api sits at the repository root: two folders above this source file, one above a bundle in dist/ (two
 * above a benchmark's bundle in dist/bench/). Looked up once, on the first schema asked for.
 */
function schemaDirectory(): string {
  if (directory) return directory;
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'schemas', 'api');
    if (existsSync(join(candidate, 'index.json'))) return (directory = candidate);
    dir = dirname(dir);
  }
  throw new Error(`the API schemas (schemas/api/index.json) are not installed next to ${__dirname}`);
}

function schemaIndex(): SchemaIndex {
  index ??= JSON.parse(readFileSync(join(schemaDirectory(), 'index.json'), 'utf8')) as SchemaIndex;
  return index;
}

/** Where each vendored API's schemas came from. */
export function schemaSources(): Record<SchemaSourceName, SchemaSource> {
  return schemaIndex().sources;
}

/** "Istio 1.30.3", for messages. */
export function schemaSourceLabel(source: SchemaSourceName): string {
  return `${SOURCE_LABELS[source]} ${schemaSources()[source].version}`;
}

/** Every `group/version/Kind` with a vendored schema. */
export function schemaKinds(): string[] {
  return Object.keys(schemaIndex().kinds);
}

/** group -> Kind -> versions served, from the index. */
function kindsByGroup(): Map<string, Map<string, string[]>> {
  if (groups) return groups;
  groups = new Map();
  for (const key of Object.keys(schemaIndex().kinds)) {
    const [group, version, kind] = key.split('/');
    let kinds = groups.get(group);
    if (!kinds) groups.set(group, (kinds = new Map()));
    kinds.set(kind, [...(kinds.get(kind) ?? []), version]);
  }
  return groups;
}

/** Splits an apiVersion into group ('' for core) and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** True when the vendored schemas cover the API group: an unknown kind or version in it is a mistake, not another API. */
export function isSchemaGroup(group: string): boolean {
  return kindsByGroup().has(group);
}

/** The versions of `group` that serve `kind` (empty when none does). */
export function servedVersions(group: string, kind: string): string[] {
  return kindsByGroup().get(group)?.get(kind) ?? [];
}

/** The schema of one kind at one version, read on first use; undefined when none is vendored. */
export function apiSchema(apiVersion: string, kind: string): ApiSchema | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  const key = `${group}/${version}/${kind}`;
  if (loaded.has(key)) return loaded.get(key);
  const file = schemaIndex().kinds[key];
  const schema = file ? (JSON.parse(readFileSync(join(schemaDirectory(), file), 'utf8')) as ApiSchema) : undefined;
  if (schema) linkReferences(schema);
  loaded.set(key, schema);
  return schema;
}

/**
 * Puts the node each `$ref` names in the place of the reference, once per loaded kind, so walking 10,000 objects
 * follows plain object links (recursive types become cycles of nodes, which the walks only follow along data).
 */
function linkReferences(api: ApiSchema): void {
  const seen = new Set<SchemaNode>();
  const link = (node: SchemaNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const resolve = (child: SchemaNode): SchemaNode => {
      const target = resolveNode(api, child);
      link(target);
      return target;
    };
    if (node.properties) for (const key of Object.keys(node.properties)) node.properties[key] = resolve(node.properties[key]);
    if (node.items) node.items = resolve(node.items);
    if (typeof node.additionalProperties === 'object') node.additionalProperties = resolve(node.additionalProperties);
    if (node.not) node.not = resolve(node.not);
    for (const list of [node.oneOf, node.anyOf, node.allOf]) if (list) for (let i = 0; i < list.length; i++) list[i] = resolve(list[i]);
  };
  link(api.schema);
  for (const def of Object.values(api.defs)) link(def);
}

const resolved = new WeakMap<SchemaNode, SchemaNode>();

/** The `group/version/Kind` keys of the schemas read so far: schemas load per kind, for the kinds a workspace has. */
export function loadedSchemas(): string[] {
  return [...loaded.keys()];
}

/** The node `$ref` points at, with the referring node's own keys over it (merged once per node). */
export function resolveNode(api: ApiSchema, node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const cached = resolved.get(node);
  if (cached) return cached;
  const target = api.defs[node.$ref];
  const { $ref: _ref, ...own } = node;
  const result = !target ? {} : Object.keys(own).length === 0 ? resolveNode(api, target) : { ...resolveNode(api, target), ...own };
  resolved.set(node, result);
  return result;
}
