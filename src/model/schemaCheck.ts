// Checks one object against its API schema as the API server would: fields it does not have, types, enums, required fields.
import { apiSchema, isSchemaGroup, resolveNode, schemaSourceLabel, servedVersions, splitApiVersion, type ApiSchema, type SchemaNode } from './apiSchema';
import type { FieldPath } from './position';
import type { Resource } from './types';

export type SchemaProblemCode = 'unknown-field' | 'type' | 'enum' | 'range' | 'required' | 'exclusive' | 'unknown-api';

export interface SchemaProblem {
  code: SchemaProblemCode;
  /** Where the finding goes: the key of an unknown field, the value of a wrong one, the object missing a field. */
  path: FieldPath;
  part: 'key' | 'value';
  /** What is wrong, without the consequence (the rule adds it). */
  message: string;
}

export interface SchemaCheck {
  /** "Istio 1.30.3"; undefined when no schema covers the object. */
  source?: string;
  problems: SchemaProblem[];
}

// What Kubernetes' YAML decoder (YAML 1.1) reads as a boolean where our YAML 1.2 parse keeps a string.
const YAML11_BOOLEANS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'True',
  'TRUE',
  'False',
  'FALSE',
]);
// Objects that are no API objects though they carry apiVersion v1 (kubeconfig files).
const NOT_API_OBJECTS = new Set(['/Config']);

const checked = new WeakMap<object, SchemaCheck>();

/** The object's problems against its schema; cached per parsed object, so the rules that share it walk it once. */
export function checkResourceSchema(resource: Pick<Resource, 'apiVersion' | 'kind' | 'obj'>): SchemaCheck {
  const cached = checked.get(resource.obj);
  if (cached) return cached;
  const result = check(resource);
  checked.set(resource.obj, result);
  return result;
}

/** What checking objects of one apiVersion and kind takes: their schema, a problem with the kind itself, or nothing. */
type KindCheck = { api: ApiSchema } | { unknownApi: SchemaProblem } | { skip: true };

// apiVersion -> kind -> what to check with: the lookup is done once per kind, not once per object.
const kindChecks = new Map<string, Map<string, KindCheck>>();

function kindCheck(apiVersion: string, kind: string): KindCheck {
  let byKind = kindChecks.get(apiVersion);
  if (!byKind) kindChecks.set(apiVersion, (byKind = new Map()));
  let found = byKind.get(kind);
  if (!found) byKind.set(kind, (found = lookUp(apiVersion, kind)));
  return found;
}

function lookUp(apiVersion: string, kind: string): KindCheck {
  const { group, version } = splitApiVersion(apiVersion);
  if (!isSchemaGroup(group) || NOT_API_OBJECTS.has(`${group}/${kind}`)) return { skip: true };
  const api = apiSchema(apiVersion, kind);
  if (api) return { api };
  const served = servedVersions(group, kind);
  const where = group ? `API group ${group}` : 'the core API group';
  const message = served.length
    ? `${kind} is not served at version ${version} of ${where} (served: ${served.map((v) => (group ? `${group}/${v}` : v)).join(', ')})`
    : `${where} has no kind ${kind}`;
  return { unknownApi: { code: 'unknown-api', path: served.length ? ['apiVersion'] : ['kind'], part: 'value', message } };
}

function check({ apiVersion, kind, obj }: Pick<Resource, 'apiVersion' | 'kind' | 'obj'>): SchemaCheck {
  const found = kindCheck(apiVersion, kind);
  if ('skip' in found) return { problems: [] };
  if ('unknownApi' in found) return { problems: [found.unknownApi] };
  const problems: SchemaProblem[] = [];
  validate(found.api, found.api.schema, obj, [], problems);
  return { source: schemaSourceLabel(found.api.source), problems };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function typeName(node: SchemaNode): string | undefined {
  if (node['x-kubernetes-int-or-string']) return 'an integer or a string';
  switch (node.type) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return undefined;
  }
}

function typeMatches(node: SchemaNode, value: unknown): boolean {
  if (node['x-kubernetes-int-or-string']) return typeof value === 'string' || Number.isInteger(value);
  switch (node.type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean' || (typeof value === 'string' && YAML11_BOOLEANS.has(value));
    default:
      return true;
  }
}

/** The field a path ends at as the user wrote it: its key, with the list indices after it (`ports[0]`). */
const name = (path: FieldPath): string => {
  let indices = '';
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') return `${String(path[i])}${indices}`;
    indices = `[${path[i]}]${indices}`;
  }
  return 'the object';
};

/**
 * Validates `value` against `raw`. `path` is a stack the walk pushes to and pops from (a copy goes into each problem),
 * so checking the fields of 10,000 objects allocates no path per field.
 */
function validate(api: ApiSchema, raw: SchemaNode, value: unknown, path: Array<string | number>, out: SchemaProblem[]): void {
  // The API server treats null as an unset field.
  if (value === null || value === undefined) return;
  const node = resolveNode(api, raw);
  if (!typeMatches(node, value)) {
    out.push({ code: 'type', path: [...path], part: 'value', message: `'${name(path)}' must be ${typeName(node)}, not ${describe(value)}` });
    return;
  }
  if (node.enum && !node.enum.includes(value)) {
    out.push({ code: 'enum', path: [...path], part: 'value', message: `'${name(path)}' must be one of ${node.enum.join(', ')}, not ${describe(value)}` });
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum)
      out.push({ code: 'range', path: [...path], part: 'value', message: `'${name(path)}' must be at least ${node.minimum}, not ${value}` });
    if (node.maximum !== undefined && value > node.maximum)
      out.push({ code: 'range', path: [...path], part: 'value', message: `'${name(path)}' must be at most ${node.maximum}, not ${value}` });
  }
  for (const sub of node.allOf ?? []) validate(api, sub, value, path, out);
  if (node.anyOf && !node.anyOf.some((s) => matches(api, s, value))) out.push(alternativesProblem(api, node.anyOf, value, path, 'anyOf'));
  if (node.oneOf && node.oneOf.filter((s) => matches(api, s, value)).length !== 1) out.push(alternativesProblem(api, node.oneOf, value, path, 'oneOf'));
  if (node.not && matches(api, node.not, value))
    out.push({ code: 'exclusive', path: [...path], part: 'key', message: `'${name(path)}' is set in a way its API forbids` });
  if (Array.isArray(value)) {
    if (node.items) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        validate(api, node.items, value[i], path, out);
        path.pop();
      }
    }
    return;
  }
  if (typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const field of node.required ?? []) {
    if (record[field] === undefined)
      out.push({ code: 'required', path: objectAnchor(record, path), part: 'key', message: `'${field}' is required in '${name(path)}' but missing` });
  }
  const properties = node.properties;
  const extra = node.additionalProperties;
  // Without properties or a value schema the object is free-form (RawExtension, Struct): nothing is unknown in it.
  const closed = (properties !== undefined || extra === false) && extra !== true && !node['x-kubernetes-preserve-unknown-fields'];
  for (const key in record) {
    const child = (properties && Object.hasOwn(properties, key) ? properties[key] : undefined) ?? (typeof extra === 'object' ? extra : undefined);
    if (child) {
      path.push(key);
      validate(api, child, record[key], path, out);
      path.pop();
    } else if (closed && !(node['x-kubernetes-embedded-resource'] && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) {
      out.push({ code: 'unknown-field', path: [...path, key], part: 'key', message: unknownField(key, path, properties ? Object.keys(properties) : []) });
    }
  }
}

/** A missing field is reported on the key of the object that lacks it; for a list item, on its first key. */
function objectAnchor(record: Record<string, unknown>, path: FieldPath): FieldPath {
  if (typeof path[path.length - 1] !== 'number') return [...path];
  const first = Object.keys(record)[0];
  return first === undefined ? [...path] : [...path, first];
}

function unknownField(key: string, path: FieldPath, known: string[]): string {
  const where = path.length === 0 ? 'at the top level' : `in '${name(path)}'`;
  const near = closest(key, known);
  return `field '${key}' does not exist ${where}${near ? `; did you mean '${near}'?` : ''}`;
}

/** The known field a typo most likely meant: edit distance at most 2 (3 for long names), or a plural/singular. */
function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = key.toLowerCase();
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : distance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= (key.length > 8 ? 3 : 2) ? best : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * True when `value` satisfies `node`, for the branches of oneOf/anyOf/not: the same rules as validate, answered
 * without building problems (Istio's "at most one of" branches are tried on every object that has them).
 */
function matches(api: ApiSchema, raw: SchemaNode, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const node = resolveNode(api, raw);
  if (!typeMatches(node, value)) return false;
  if (node.enum && !node.enum.includes(value)) return false;
  if (typeof value === 'number' && ((node.minimum !== undefined && value < node.minimum) || (node.maximum !== undefined && value > node.maximum))) return false;
  if (node.allOf && !node.allOf.every((sub) => matches(api, sub, value))) return false;
  if (node.anyOf && !node.anyOf.some((sub) => matches(api, sub, value))) return false;
  if (node.oneOf && node.oneOf.filter((sub) => matches(api, sub, value)).length !== 1) return false;
  if (node.not && matches(api, node.not, value)) return false;
  if (Array.isArray(value)) return !node.items || value.every((item) => matches(api, node.items!, item));
  if (typeof value !== 'object') return true;
  const record = value as Record<string, unknown>;
  if (node.required && node.required.some((field) => record[field] === undefined)) return false;
  // Fields a branch does not define are left to the enclosing schema, as validate treats free-form objects.
  const properties = node.properties;
  if (!properties && typeof node.additionalProperties !== 'object') return true;
  for (const key in record) {
    const child =
      (properties && Object.hasOwn(properties, key) ? properties[key] : undefined) ??
      (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    if (child && !matches(api, child, record[key])) return false;
  }
  return true;
}

/** The fields the branches of a oneOf/anyOf require: Istio writes "at most one of" this way. */
function requiredNames(api: ApiSchema, nodes: readonly SchemaNode[], into = new Set<string>()): Set<string> {
  for (const raw of nodes) {
    const node = resolveNode(api, raw);
    for (const r of node.required ?? []) into.add(r);
    requiredNames(api, [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? []), ...(node.not ? [node.not] : [])], into);
  }
  return into;
}

function alternativesProblem(api: ApiSchema, branches: SchemaNode[], value: unknown, path: Array<string | number>, which: 'oneOf' | 'anyOf'): SchemaProblem {
  const names = [...requiredNames(api, branches)];
  const types = branches.map((b) => typeName(resolveNode(api, b))).filter((t): t is string => t !== undefined);
  if (names.length === 0 && types.length > 0)
    return { code: 'type', path: [...path], part: 'value', message: `'${name(path)}' must be ${types.join(' or ')}, not ${describe(value)}` };
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const present = names.filter((n) => record[n] !== undefined);
  if (which === 'oneOf' && present.length > 1) {
    return {
      code: 'exclusive',
      path: [...path, present[1]],
      part: 'key',
      message: `only one of ${names.map((n) => `'${n}'`).join(', ')} may be set in '${name(path)}', and ${present.map((n) => `'${n}'`).join(' and ')} are`,
    };
  }
  return { code: 'required', path: objectAnchor(record, path), part: 'key', message: `'${name(path)}' needs one of ${names.map((n) => `'${n}'`).join(', ')}` };
}
