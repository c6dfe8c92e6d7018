// The workspace index: every manifest file across folders, so checks can use cross-file context.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { WorkspaceConfig } from '../config/types';
import { parseSourceFile } from './parse';
import type { Resource, SourceFile } from './types';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.ztn', 'dist', 'out', '.vscode-test', 'test-results']);
const CONFIG_NAMES = new Set(['ztn.yaml', 'ztn.yml', 'package.json', 'package-lock.json', 'tsconfig.json']);

export function isManifestPath(path: string): boolean {
  const lower = path.toLowerCase();
  return MANIFEST_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Expands files and folders into manifest files, sorted for deterministic output. */
export function collectManifestFiles(paths: string[]): string[] {
  const out = new Set<string>();
  const walk = (p: string, explicit: boolean) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) {
        if (SKIPPED_DIRS.has(entry) || entry.startsWith('.')) continue;
        walk(join(p, entry), false);
      }
    } else if (explicit || (isManifestPath(p) && !CONFIG_NAMES.has(p.split(sep).pop() ?? ''))) {
      out.add(resolve(p));
    }
  };
  for (const p of paths) walk(resolve(p), true);
  return [...out].sort();
}

export class WorkspaceIndex {
  readonly files = new Map<string, SourceFile>();
  private cachedResources: Resource[] | undefined;

  constructor(readonly config: WorkspaceConfig) {}

  /** Cluster names whose manifest globs include `path`; every cluster when none declares globs. */
  clustersFor(path: string): string[] {
    const withGlobs = this.config.clusters.filter((c) => c.manifests.length > 0);
    if (withGlobs.length === 0) return [this.config.clusters[0].name];
    const rel = relative(this.config.root, path).split(sep).join('/');
    const matched = withGlobs.filter((c) => c.manifests.some((g) => minimatch(rel, g, { dot: true })));
    return matched.length > 0 ? matched.map((c) => c.name) : [this.config.clusters[0].name];
  }

  /** Adds or replaces a file (editor buffers pass their unsaved text). */
  setFile(path: string, text: string): SourceFile {
    const file = parseSourceFile(path, text, { maxFileBytes: this.config.maxFileBytes, clusters: this.clustersFor(path) });
    this.files.set(path, file);
    this.cachedResources = undefined;
    return file;
  }

  removeFile(path: string): void {
    this.files.delete(path);
    this.cachedResources = undefined;
  }

  /** Reads a file from disk; unreadable files become a file with one problem instead of an exception. */
  loadFile(path: string): SourceFile {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const file = this.setFile(path, '');
      file.problems.push({
        severity: 'error',
        code: 'parse',
        message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
      return file;
    }
    return this.setFile(path, text);
  }

  get resources(): Resource[] {
    this.cachedResources ??= [...this.files.values()].flatMap((f) => f.resources);
    return this.cachedResources;
  }

  ofKind(...kinds: string[]): Resource[] {
    return this.resources.filter((r) => kinds.includes(r.kind));
  }
}

/** Loads a workspace from paths (files or folders) with a resolved config. */
export function loadWorkspace(paths: string[], config: WorkspaceConfig): WorkspaceIndex {
  const index = new WorkspaceIndex(config);
  for (const file of collectManifestFiles(paths)) index.loadFile(file);
  return index;
}

/** Namespace a namespaced resource lives in ('default' when omitted, as kubectl applies it). */
export function namespaceOf(r: Resource): string {
  return r.namespace ?? 'default';
}
