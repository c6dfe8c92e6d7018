// What two parses of the same file must agree on, as plain data: for tests that compare two ways of loading files.
import { isDocument, isPair } from 'yaml';
import type { SourceFile } from '../../../src/model/types';
import type { WorkspaceIndex } from '../../../src/model/workspace';
import { lint } from '../../../src/rules/engine';
import type { Finding } from '../../../src/rules/types';

/** Everything a parse produces that a rule, a range or a fix can see: nodes with ranges and comments, objects, problems. */
export function dumpFile(file: SourceFile): unknown {
  const seen = new Set<object>();
  const dump = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(dump);
    if (seen.has(x)) return '<again>';
    seen.add(x);
    const out: Record<string, unknown> = { type: isDocument(x) ? 'Document' : isPair(x) ? 'Pair' : x.constructor?.name };
    for (const [k, v] of Object.entries(x)) if (k !== 'schema' && k !== 'options' && k !== 'srcToken') out[k] = dump(v);
    seen.delete(x);
    return out;
  };
  return {
    documents: file.documents.map(dump),
    resources: file.resources.map((r) => ({
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      apiVersion: r.apiVersion,
      docIndex: r.docIndex,
      listIndex: r.listIndex,
      clusters: r.clusters,
      obj: r.obj,
      node: r.node.range,
      inDocument: r.file === file && file.documents[r.docIndex] !== undefined,
    })),
    problems: file.problems,
    lineStarts: file.lineStarts,
    skipped: file.skipped,
  };
}

/** Findings of a whole-workspace lint (by-kind lists) and of a one-file lint (the editor's), with their fixes. */
export function lintDump(index: WorkspaceIndex, path: string): unknown {
  const dump = (findings: Finding[]) =>
    findings.map((f) => ({
      ruleId: f.ruleId,
      range: f.range,
      message: f.message,
      object: f.object,
      fix: f.fix?.(),
    }));
  return { workspace: dump(lint(index).findings), file: dump(lint(index, { files: new Set([path]) }).findings) };
}
