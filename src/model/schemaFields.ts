// The field paths a kind's API schema defines, written as `spec.rules[].from[].source.principals`.
import { resolveNode, type ApiSchema, type SchemaNode } from './apiSchema';
import type { FieldPath } from './position';

/** Fields every object has and the API server sets or reads the same way for every kind. */
const COMMON_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/**
 * Every field path of the schema below the top level (apiVersion, kind, metadata and status left out): a list adds
 * `[]` to its field's name, a map of objects `{}`. Recursive Kubernetes types are followed once.
 */
export function schemaFieldPaths(api: ApiSchema): string[] {
  const out: string[] = [];
  const walk = (raw: SchemaNode, prefix: string, seen: ReadonlySet<string>) => {
    const node = resolveNode(api, raw);
    const inner = raw.$ref ? new Set([...seen, raw.$ref]) : seen;
    if (raw.$ref && seen.has(raw.$ref)) return;
    if (node.items) return walk(node.items, `${prefix}[]`, inner);
    if (typeof node.additionalProperties === 'object' && resolveNode(api, node.additionalProperties).properties)
      return walk(node.additionalProperties, `${prefix}{}`, inner);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (prefix === '' && COMMON_FIELDS.has(key)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      out.push(path);
      walk(child, path, inner);
    }
  };
  walk(api.schema, '', new Set());
  return out;
}

/**
 * Calls `visit` for each field of `obj` the schema defines, outside in, with its field path and schema path; `visit`
 * returning false skips what is under that field.
 */
export function forEachSchemaField(api: ApiSchema, obj: unknown, visit: (path: FieldPath, schemaPath: string) => boolean | void): void {
  const walk = (raw: SchemaNode, value: unknown, path: Array<string | number>, schemaPath: string) => {
    if (value === null || typeof value !== 'object') return;
    const node = resolveNode(api, raw);
    if (Array.isArray(value)) {
      if (!node.items) return;
      value.forEach((item, i) => walk(node.items!, item, [...path, i], `${schemaPath}[]`));
      return;
    }
    const record = value as Record<string, unknown>;
    const properties = node.properties;
    const values = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    for (const key of Object.keys(record)) {
      if (schemaPath === '' && COMMON_FIELDS.has(key)) continue;
      const child = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (child) {
        const childPath = schemaPath ? `${schemaPath}.${key}` : key;
        if (visit([...path, key], childPath) !== false) walk(child, record[key], [...path, key], childPath);
      } else if (values && resolveNode(api, values).properties) {
        walk(values, record[key], [...path, key], `${schemaPath}{}`);
      }
    }
  };
  walk(api.schema, obj, [], '');
}
