// The field paths a kind's API schema defines, written as `spec.rules[].from[].source.principals`.
import { resolveNode, type ApiSchema, type SchemaNode } from './apiSchema';

/** Fields every object has and the API server sets or reads the same way for every kind. */
const COMMON_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/**
 * Every field path of the schema below the top level (apiVersion, kind, metadata and status left out): a list adds
 * `[]` to its field's name, a map of objects `{}`. A recursive type is followed until it repeats.
 */
export function schemaFieldPaths(api: ApiSchema): string[] {
  const out: string[] = [];
  // Nodes on the current path: a recursive type (linked into a cycle on load) is listed down to where it repeats.
  const open = new Set<SchemaNode>();
  const walk = (raw: SchemaNode, prefix: string) => {
    const node = resolveNode(api, raw);
    if (open.has(node)) return;
    open.add(node);
    if (node.items) walk(node.items, `${prefix}[]`);
    else if (typeof node.additionalProperties === 'object' && resolveNode(api, node.additionalProperties).properties)
      walk(node.additionalProperties, `${prefix}{}`);
    else {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (prefix === '' && COMMON_FIELDS.has(key)) continue;
        const path = prefix ? `${prefix}.${key}` : key;
        out.push(path);
        walk(child, path);
      }
    }
    open.delete(node);
  };
  walk(api.schema, '');
  return out;
}

/**
 * Calls `visit` for each field of `obj` the schema defines, outside in, with its field path and schema path; `visit`
 * returning false skips what is under that field. The path is a stack the walk reuses: copy it to keep it.
 */
export function forEachSchemaField(api: ApiSchema, obj: unknown, visit: (path: readonly (string | number)[], schemaPath: string) => boolean | void): void {
  const path: Array<string | number> = [];
  const walk = (raw: SchemaNode, value: unknown, schemaPath: string) => {
    if (value === null || typeof value !== 'object') return;
    const node = resolveNode(api, raw);
    if (Array.isArray(value)) {
      if (!node.items) return;
      const itemPath = `${schemaPath}[]`;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(node.items, value[i], itemPath);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    const properties = node.properties;
    const values = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    for (const key in record) {
      if (schemaPath === '' && COMMON_FIELDS.has(key)) continue;
      const child = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
      path.push(key);
      if (child) {
        const childPath = schemaPath ? `${schemaPath}.${key}` : key;
        if (visit(path, childPath) !== false) walk(child, record[key], childPath);
      } else if (values && resolveNode(api, values).properties) {
        walk(values, record[key], `${schemaPath}{}`);
      }
      path.pop();
    }
  };
  walk(api.schema, obj, '');
}
