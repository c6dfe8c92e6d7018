// Writes schemas/api/ from the upstream API schemas (docs/api-schemas.md): one JSON file per group, version and kind.
//
//   node scripts/vendor-api-schemas.mjs --kubernetes SWAGGER.json --istio CRDS.yaml --gateway-api CRD_DIR --sources SOURCES.json
//
// SWAGGER.json: Kubernetes' api/openapi-spec/swagger.json of the release; CRDS.yaml: istio/api's
// kubernetes/customresourcedefinitions.gen.yaml of the tag; CRD_DIR: gateway-api's config/crd/standard of the tag;
// SOURCES.json: where each came from (repository, tag, commit, path), copied into schemas/api/index.json.
// Only what a structural check needs is kept: types, properties, required, items, maps, enums, bounds, and the
// oneOf/anyOf/not/allOf constraints; descriptions, defaults, patterns, lengths and CEL rules are dropped.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schemas/api');
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
// Kubernetes decodes these from a number or a string, which the OpenAPI v2 document writes as `type: string`.
const NUMBER_OR_STRING = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { anyOf: [{ type: 'number' }, { type: 'string' }] },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { 'x-kubernetes-int-or-string': true },
};
const KEPT = [
  'type',
  'format',
  'nullable',
  'enum',
  'required',
  'minimum',
  'maximum',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
];

function arg(name) {
  const at = process.argv.indexOf(name);
  if (at < 0 || !process.argv[at + 1]) throw new Error(`missing ${name} (see the first lines of ${fileURLToPath(import.meta.url)})`);
  return process.argv[at + 1];
}

/** The kept part of a schema node; Kubernetes' `#/definitions/X` references become `X`, looked up in the file's defs. */
function compact(s, refs) {
  if (!s || typeof s !== 'object') return s;
  const c = {};
  const ref = s.$ref ?? (Array.isArray(s.allOf) && s.allOf.length === 1 && s.allOf[0].$ref ? s.allOf[0].$ref : undefined);
  if (ref) {
    const name = ref.replace(/^#\/(definitions|components\/schemas)\//, '');
    refs.add(name);
    c.$ref = name;
  }
  for (const k of KEPT) if (s[k] !== undefined) c[k] = s[k];
  if (s.properties) c.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, compact(v, refs)]));
  if (s.items) c.items = compact(s.items, refs);
  if (s.additionalProperties !== undefined)
    c.additionalProperties = typeof s.additionalProperties === 'object' ? compact(s.additionalProperties, refs) : s.additionalProperties;
  if (s.not) c.not = compact(s.not, refs);
  for (const k of ['oneOf', 'anyOf']) if (Array.isArray(s[k])) c[k] = s[k].map((x) => compact(x, refs));
  if (Array.isArray(s.allOf) && !ref) c.allOf = s.allOf.map((x) => compact(x, refs));
  return c;
}

/** The definitions `start` needs, transitively, compacted. */
function closure(definitions, start) {
  const defs = {};
  const todo = [...start];
  while (todo.length > 0) {
    const name = todo.pop();
    if (defs[name] || !definitions[name]) continue;
    const refs = new Set();
    defs[name] = NUMBER_OR_STRING[name] ?? compact(definitions[name], refs);
    todo.push(...refs);
  }
  return Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const kinds = {};
function write(source, group, version, kind, schema, defs) {
  const file = `${group || 'core'}/${version}/${kind}.json`;
  mkdirSync(join(out, dirname(file)), { recursive: true });
  writeFileSync(join(out, file), JSON.stringify({ apiVersion: group ? `${group}/${version}` : version, kind, source, schema, defs }) + '\n');
  kinds[`${group}/${version}/${kind}`] = file;
}

rmSync(out, { recursive: true, force: true });
const swaggerPath = arg('--kubernetes');
const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8'));
const k8s = swagger.definitions;

// Kubernetes: every kind with object metadata (lists are split into their items by the parser).
for (const def of Object.values(k8s)) {
  for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
    if (gvk.kind.endsWith('List') || !def.properties?.metadata?.$ref?.endsWith('.ObjectMeta')) continue;
    const refs = new Set();
    const schema = compact(def, refs);
    write('kubernetes', gvk.group, gvk.version, gvk.kind, schema, closure(k8s, refs));
  }
}

/** A CRD's served versions; apiVersion, kind and metadata are the API server's, as for built-in kinds. */
function writeCrd(source, crd) {
  const { group, names, versions } = crd.spec;
  for (const v of versions) {
    if (!v.served || !v.schema?.openAPIV3Schema) continue;
    const refs = new Set([OBJECT_META]);
    const schema = compact(v.schema.openAPIV3Schema, refs);
    schema.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: OBJECT_META }, ...schema.properties };
    write(source, group, v.name, names.kind, schema, closure(k8s, refs));
  }
}
const crds = (path) =>
  parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS())
    .filter((d) => d?.kind === 'CustomResourceDefinition');

const istioPath = arg('--istio');
for (const crd of crds(istioPath)) writeCrd('istio', crd);
const gatewayDir = arg('--gateway-api');
const gatewayFiles = readdirSync(gatewayDir)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .sort();
for (const f of gatewayFiles) for (const crd of crds(join(gatewayDir, f))) writeCrd('gateway-api', crd);

const sources = JSON.parse(readFileSync(arg('--sources'), 'utf8'));
sources.kubernetes.sha256 = sha256(swaggerPath);
sources.istio.sha256 = sha256(istioPath);
sources['gateway-api'].sha256 = Object.fromEntries(gatewayFiles.map((f) => [f, sha256(join(gatewayDir, f))]));
const sorted = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(out, 'index.json'), JSON.stringify({ sources, kinds: sorted }, null, 1) + '\n');
console.log(`${Object.keys(kinds).length} kinds written to ${out}`);
