// Core shapes shared by every layer: resources parsed from files, with the source ranges findings need.
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';

/** Zero-based line and character, as VS Code and LSP count them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Byte offsets into the file's text; [start, end). */
export type OffsetRange = [number, number];

export interface SourceFile {
  /** Absolute path, or a virtual name for unsaved editor buffers. */
  path: string;
  text: string;
  /** Parsed YAML documents in file order (JSON files parse as a single YAML document). */
  documents: Document.Parsed[];
  /** Offset of each line start, to turn offsets into positions. */
  lineStarts: number[];
  resources: Resource[];
  /** Parse errors and notices, reported by the linter as ZT0000-style problems. */
  problems: FileProblem[];
  /** Set when the file was skipped entirely (binary, too large, template without a renderer). */
  skipped?: string;
  /**
   * Set when `text` is helm/kustomize output for the file at `path`: findings map back to the object's
   * name line in `sourceText` (the file as written), and fixes are not offered.
   */
  rendered?: { tool: 'helm' | 'kustomize'; sourceText: string };
}

export interface FileProblem {
  severity: Severity;
  /** 'parse' for YAML/JSON errors, 'skipped' for files not linted, 'notice' otherwise. */
  code: 'parse' | 'skipped' | 'notice';
  message: string;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * One Kubernetes object. `node` is the YAML map of the object inside its document, so rules can find
 * exact key and value ranges and fixes can edit it in place. Items of `kind: List` are resources of
 * their own, with `node` pointing into the list's `items`.
 */
export interface Resource {
  apiVersion: string;
  kind: string;
  name: string;
  /** Namespace as written; undefined for cluster-scoped objects or when omitted. */
  namespace?: string;
  /** Plain JS value of the object (YAML aliases resolved, bounded). */
  obj: Record<string, unknown>;
  file: SourceFile;
  /** Index of the document inside the file. */
  docIndex: number;
  /** Index inside a List's items, when the object came from a List. */
  listIndex?: number;
  node: YAMLMap;
  /** Cluster names from ztn.yaml whose manifest globs include this file (empty = default cluster). */
  clusters: string[];
}

export type AnyNode = YamlNode;

/** API group of an apiVersion ('' for core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Stable `Kind ns/name` label used in messages and explanations. */
export function resourceLabel(r: Pick<Resource, 'kind' | 'name' | 'namespace'>): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
