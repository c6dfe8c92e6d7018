// Turns the text of one manifest file into resources with source ranges, never throwing on bad input.
import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import type { FileProblem, Range, Resource, SourceFile } from './types';
import { reparseSegments, segmentsOf, type Segment } from './documentSegments';
import { computeLineStarts, rangeOf } from './position';
import { parseYamlDocuments } from './yamlDocuments';

export interface ParseOptions {
  /** Files larger than this many bytes are skipped with a notice. Default 5 MiB. */
  maxFileBytes?: number;
  /** Cluster names this file belongs to (from ztn.yaml globs). */
  clusters?: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** YAML alias expansion bound: an alias bomb stops here instead of exhausting memory. */
export const MAX_ALIAS_COUNT = 1000;

/** Group of documents that configure ztn itself; they are never linted as manifests. */
export const ZTN_GROUP = 'ztn.dev';

/**
 * A Go template action where YAML expects a value or a line (`replicas: {{ .Values.n }}`, `{{- if }}`).
 * `{{` inside a plain or quoted string (Prometheus alert text) does not count, so those files are linted.
 */
const TEMPLATE_ACTION = /(?:^[ \t]*|:[ \t]+|^[ \t]*-[ \t]+)\{\{/m;

export function looksLikeTemplate(text: string): boolean {
  return text.includes('{{') && TEMPLATE_ACTION.test(text);
}

/** NUL bytes, or many undecodable bytes near the start, mean a binary file read as UTF-8. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const head = text.slice(0, 8192);
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  return bad > 8 && bad > head.length / 100;
}

/** What a document yielded, kept with its segment so an unchanged document is not loaded again. */
export interface DocumentYield {
  resources: Resource[];
  /** Why `toJS` failed (alias bound), when it did. */
  loadError?: string;
}

/** Each file's documents by segment, for the next edit of the same file (see documentSegments.ts). */
const segmentsByFile = new WeakMap<SourceFile, Segment<DocumentYield>[]>();

/** The file's documents by segment, when it parsed without errors and can be re-parsed by segment. */
export function documentSegmentsOf(file: SourceFile): readonly Segment<DocumentYield>[] | undefined {
  return segmentsByFile.get(file);
}

/** Records the segments of a file whose documents were parsed segment by segment (a file loaded in a worker). */
export function recordDocumentSegments(file: SourceFile, segments: Segment<DocumentYield>[]): void {
  segmentsByFile.set(file, segments);
}

/**
 * Parses one manifest file. With `previous` (the same file before an edit), documents whose text did
 * not change are taken over with their resources instead of parsed again: those Resource objects move
 * to the new SourceFile (their `file`, `docIndex` and node ranges updated), so `previous` must not be
 * used afterwards. The result is the same as a parse from scratch (test/unit/model/reparse.test.ts).
 */
export function parseSourceFile(path: string, text: string, options: ParseOptions = {}, previous?: SourceFile): SourceFile {
  const file: SourceFile = {
    path,
    text,
    documents: [],
    lineStarts: computeLineStarts(text),
    resources: [],
    problems: [],
  };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (text.length > maxBytes / 3 && Buffer.byteLength(text) > maxBytes) {
    return skip(file, `file is larger than ${maxBytes} bytes; raise 'maxFileBytes' in ztn.yaml to lint it`, whole);
  }
  if (looksBinary(text)) {
    return skip(file, 'binary file, not a manifest', whole);
  }
  if (looksLikeTemplate(text)) {
    return skip(file, 'template file ({{ ... }}); install helm to render and lint it', whole);
  }
  const clusters = options.clusters ?? [];

  const previousSegments = previous && segmentsByFile.get(previous);
  const segments = previousSegments && reparseSegments(previous.text, previousSegments, text);
  if (segments) {
    for (const segment of segments) {
      segment.docs.forEach((doc, i) => {
        segment.payload[i] = addDocument(file, doc, file.documents.length, clusters, segment.payload[i]);
        file.documents.push(doc);
      });
    }
    segmentsByFile.set(file, segments);
    return file;
  }

  let docs: Document.Parsed[];
  try {
    docs = parseYamlDocuments(text);
  } catch (err) {
    file.problems.push({ severity: 'error', code: 'parse', message: `cannot parse: ${(err as Error).message}`, range: whole });
    return file;
  }
  file.documents = docs;
  const yields = docs.map((doc, docIndex) => addDocument(file, doc, docIndex, clusters));
  const recorded = segmentsOf(text, docs, yields);
  if (recorded) segmentsByFile.set(file, recorded);
  return file;
}

/**
 * Adds one document's problems and resources to `file`. With `taken` (the same document from the
 * file's previous parse) its resources are moved over instead of loaded again.
 */
function addDocument(file: SourceFile, doc: Document.Parsed, docIndex: number, clusters: string[], taken?: DocumentYield): DocumentYield {
  const yielded: DocumentYield = { resources: [] };
  if (doc.errors.length > 0) {
    // The first error locates the problem; the rest of a broken document's errors are mostly echoes of it.
    const e = doc.errors[0];
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''} in this document)` : '';
    file.problems.push({ severity: 'error', code: 'parse', message: e.message.split('\n')[0] + more, range: rangeOf(file, e.pos) });
    return yielded; // a broken document yields no resources, the others still do
  }
  const contents = doc.contents;
  if (contents == null || (isScalar(contents) && contents.value == null)) return yielded; // empty document
  if (!isMap(contents)) {
    file.problems.push({
      severity: 'info',
      code: 'notice',
      message: 'document is not a mapping; ignored',
      range: rangeOf(file, contents.range ?? [0, 0]),
    });
    return yielded;
  }
  if (taken) {
    if (taken.loadError !== undefined) file.problems.push(loadProblem(file, contents, taken.loadError));
    for (const r of taken.resources) {
      r.file = file;
      r.docIndex = docIndex;
      file.resources.push(r);
    }
    return taken;
  }
  let obj: unknown;
  try {
    obj = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    yielded.loadError = (err as Error).message;
    file.problems.push(loadProblem(file, contents, yielded.loadError));
    return yielded;
  }
  const before = file.resources.length;
  addObject(file, contents, obj, docIndex, undefined, clusters);
  yielded.resources = file.resources.slice(before);
  return yielded;
}

function loadProblem(file: SourceFile, contents: YAMLMap, message: string): FileProblem {
  return { severity: 'error', code: 'parse', message: `document not loaded: ${message}`, range: rangeOf(file, contents.range ?? [0, 0]) };
}

function skip(file: SourceFile, reason: string, range: Range): SourceFile {
  file.skipped = reason;
  const problem: FileProblem = { severity: 'info', code: 'skipped', message: `skipped: ${reason}`, range };
  file.problems.push(problem);
  return file;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function addObject(file: SourceFile, node: YAMLMap, obj: unknown, docIndex: number, listIndex: number | undefined, clusters: string[]): void {
  if (!isRecord(obj)) return;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  if (!kind) return; // not a Kubernetes object (values files, arbitrary YAML)
  if (apiVersion.split('/')[0] === ZTN_GROUP) return;

  // `kubectl get -o yaml` prints `kind: List` (or PodList, DeploymentList...) with items.
  if (kind.endsWith('List') && Array.isArray(obj.items) && listIndex === undefined) {
    const itemsNode = node.get('items', true);
    if (isSeq(itemsNode)) {
      (obj.items as unknown[]).forEach((item, i) => {
        const itemNode = itemsNode.items[i];
        if (isMap(itemNode)) {
          // Items of typed lists may omit kind; infer it from the list kind.
          const itemObj = isRecord(item) && !item.kind && kind !== 'List' ? { ...item, kind: kind.slice(0, -4), apiVersion } : item;
          addObject(file, itemNode, itemObj, docIndex, i, clusters);
        }
      });
    }
    return;
  }

  const metadata = isRecord(obj.metadata) ? obj.metadata : {};
  const resource: Resource = {
    apiVersion,
    kind,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    obj,
    file,
    docIndex,
    listIndex,
    node,
    clusters,
  };
  file.resources.push(resource);
}
