// Turns the text of one manifest file into resources with source ranges, never throwing on bad input.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import type { FileProblem, Range, Resource, SourceFile } from './types';
import { computeLineStarts, rangeOf } from './position';

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

export function parseSourceFile(path: string, text: string, options: ParseOptions = {}): SourceFile {
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
  if (Buffer.byteLength(text) > maxBytes) {
    return skip(file, `file is larger than ${maxBytes} bytes; raise 'maxFileBytes' in ztn.yaml to lint it`, whole);
  }
  if (looksBinary(text)) {
    return skip(file, 'binary file, not a manifest', whole);
  }
  if (looksLikeTemplate(text)) {
    return skip(file, 'template file ({{ ... }}); install helm to render and lint it', whole);
  }

  let docs: Document.Parsed[];
  try {
    // merge: kubectl reads YAML 1.1 merge keys (`<<: *defaults`), so the objects it applies include them.
    docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, merge: true }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (err) {
    file.problems.push({ severity: 'error', code: 'parse', message: `cannot parse: ${(err as Error).message}`, range: whole });
    return file;
  }
  file.documents = docs;
  docs.forEach((doc, docIndex) => {
    if (doc.errors.length > 0) {
      // The first error locates the problem; the rest of a broken document's errors are mostly echoes of it.
      const e = doc.errors[0];
      const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''} in this document)` : '';
      file.problems.push({ severity: 'error', code: 'parse', message: e.message.split('\n')[0] + more, range: rangeOf(file, e.pos) });
      return; // a broken document yields no resources, the others still do
    }
    const contents = doc.contents;
    if (contents == null || (isScalar(contents) && contents.value == null)) return; // empty document
    if (!isMap(contents)) {
      file.problems.push({
        severity: 'info',
        code: 'notice',
        message: 'document is not a mapping; ignored',
        range: rangeOf(file, contents.range ?? [0, 0]),
      });
      return;
    }
    let obj: unknown;
    try {
      obj = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      file.problems.push({
        severity: 'error',
        code: 'parse',
        message: `document not loaded: ${(err as Error).message}`,
        range: rangeOf(file, contents.range ?? [0, 0]),
      });
      return;
    }
    addObject(file, contents, obj, docIndex, undefined, options.clusters ?? []);
  });
  return file;
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

function addObject(
  file: SourceFile,
  node: YAMLMap,
  obj: unknown,
  docIndex: number,
  listIndex: number | undefined,
  clusters: string[],
): void {
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
