// Small manifests and a lint helper shared by the extension adapter tests (no VS Code needed).
import { defaultConfig } from '../../../src/config/load';
import type { WorkspaceConfig } from '../../../src/model/config';
import { WorkspaceIndex } from '../../../src/model/workspace';
import { lint } from '../../../src/rules/engine';
import type { Finding } from '../../../src/rules/types';

export const PERMISSIVE_YAML = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: PERMISSIVE # migrating
`;

export const PERMISSIVE_JSON = `{
  "apiVersion": "security.istio.io/v1",
  "kind": "PeerAuthentication",
  "metadata": { "name": "default", "namespace": "shop" },
  "spec": { "mtls": { "mode": "DISABLE" } }
}
`;

export function lintFiles(files: Record<string, string>, config: Partial<WorkspaceConfig> = {}): { index: WorkspaceIndex; findings: Finding[] } {
  const index = new WorkspaceIndex({ ...defaultConfig('/ws'), ...config });
  for (const [path, text] of Object.entries(files)) index.setFile(path, text);
  return { index, findings: lint(index).findings };
}

/** Applies editor-coordinate edits to a text (last first), as VS Code applies a WorkspaceEdit. */
export function applyEditData(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const lines = text.split('\n');
  const starts: number[] = [];
  let acc = 0;
  for (const l of lines) {
    starts.push(acc);
    acc += l.length + 1;
  }
  const off = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
