// A manifest file parsed in a worker thread: its resources arrive as plain objects, its YAML nodes are parsed on first use.
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { shiftDocument, type Segment } from './documentSegments';
import { documentSegmentsOf, recordDocumentSegments, type DocumentYield } from './parse';
import { computeLineStarts } from './position';
import type { FileProblem, Resource, SourceFile } from './types';
import { parseYamlDocuments } from './yamlDocuments';

/** A resource without its YAML node: what crosses between threads (plain data, structured clone). */
export interface TransferredResource {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  obj: Record<string, unknown>;
  listIndex?: number;
}

export interface TransferredFile {
  path: string;
  text: string;
  problems: FileProblem[];
  skipped?: string;
  /** The file's segments (documentSegments.ts) and, per document, the resources it yielded. */
  segments: { start: number; end: number; docs: { resources: TransferredResource[]; loadError?: string }[] }[];
}

/**
 * The transferable form of a parsed file. Undefined when its documents could not be parsed again
 * segment by segment with the same result (parse errors, directives): such a file is parsed where it
 * is used instead.
 */
export function transferableFile(file: SourceFile): TransferredFile | undefined {
  if (file.rendered) return undefined;
  const segments = documentSegmentsOf(file) ?? (file.documents.length === 0 ? [] : undefined);
  if (!segments) return undefined;
  return {
    path: file.path,
    text: file.text,
    problems: file.problems,
    skipped: file.skipped,
    segments: segments.map((s) => ({
      start: s.start,
      end: s.end,
      docs: s.payload.map((y) => ({
        loadError: y.loadError,
        resources: y.resources.map((r) => ({
          apiVersion: r.apiVersion,
          kind: r.kind,
          name: r.name,
          namespace: r.namespace,
          obj: r.obj,
          listIndex: r.listIndex,
        })),
      })),
    })),
  };
}

/**
 * Rebuilds a transferred file. Resources are complete except their `node`, and the file's
 * `documents`: reading either parses the segment (or the whole file) then, exactly as the worker did
 * (segments of an error-free file parse alone as they do in the whole text; documentSegments.ts).
 * Most resources of a big workspace never have a finding, so most segments are never parsed here.
 */
export function receiveFile(message: TransferredFile, clusters: string[]): SourceFile {
  const file: SourceFile = {
    path: message.path,
    text: message.text,
    documents: [],
    lineStarts: computeLineStarts(message.text),
    resources: [],
    problems: message.problems,
  };
  if (message.skipped !== undefined) file.skipped = message.skipped;
  const segments: Segment<DocumentYield>[] = [];
  let docIndex = 0;
  for (const s of message.segments) {
    const segment: Segment<DocumentYield> = { start: s.start, end: s.end, docs: [], payload: [] };
    segments.push(segment);
    for (const d of s.docs) {
      const resources = d.resources.map((t) => lazyResource(file, t, docIndex, clusters, () => parseSegment(file, segment)));
      file.resources.push(...resources);
      segment.payload.push(d.loadError === undefined ? { resources } : { resources, loadError: d.loadError });
      docIndex++;
    }
  }
  Object.defineProperty(file, 'documents', {
    configurable: true,
    enumerable: true,
    get() {
      const documents = segments.flatMap((s) => parseSegment(file, s));
      Object.defineProperty(file, 'documents', { value: documents, writable: true, enumerable: true, configurable: true });
      recordDocumentSegments(file, segments);
      return documents;
    },
  });
  return file;
}

function lazyResource(file: SourceFile, t: TransferredResource, docIndex: number, clusters: string[], parse: () => void): Resource {
  const resource = {
    apiVersion: t.apiVersion,
    kind: t.kind,
    name: t.name,
    namespace: t.namespace,
    obj: t.obj,
    file,
    docIndex,
    listIndex: t.listIndex,
    clusters,
  } as Resource;
  Object.defineProperty(resource, 'node', {
    configurable: true,
    enumerable: true,
    get(this: Resource) {
      parse();
      return this.node;
    },
  });
  return resource;
}

/** Parses one segment (once) and gives each of its resources its node. */
function parseSegment(file: SourceFile, segment: Segment<DocumentYield>): Document.Parsed[] {
  if (segment.docs.length === segment.payload.length) return segment.docs;
  const docs = parseYamlDocuments(file.text.slice(segment.start, segment.end));
  if (docs.length !== segment.payload.length) throw new Error(`${file.path}: documents at offset ${segment.start} parse differently than in the worker`);
  docs.forEach((doc, i) => {
    shiftDocument(doc, segment.start);
    for (const r of segment.payload[i].resources) {
      const contents = doc.contents as YAMLMap;
      const node = r.listIndex === undefined ? contents : ((contents.get('items', true) as unknown as YAMLSeq).items[r.listIndex] as YAMLMap);
      Object.defineProperty(r, 'node', { value: node, writable: true, enumerable: true, configurable: true });
    }
  });
  segment.docs = docs;
  return docs;
}
