// The workspace index: every manifest file across folders, so checks can use cross-file context.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { WorkspaceConfig } from './config';
import { loadFiles, type LoadThreads } from './parallelLoad';
import { parseSourceFile } from './parse';
import { findExecutable, isChartDir, kustomizationFile, renderChart, renderKustomization } from './render';
import type { FileProblem, Resource, SourceFile } from './types';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.ztn', 'dist', 'out', '.vscode-test', 'test-results']);
const CONFIG_NAMES = new Set(['ztn.yaml', 'ztn.yml', 'package.json', 'package-lock.json', 'tsconfig.json']);
const LINE_1 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function isManifestPath(path: string): boolean {
  const lower = path.toLowerCase();
  return MANIFEST_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** What to read: plain manifest files, chart folders for helm, kustomization folders for kubectl. */
export interface WorkspaceInputs {
  files: string[];
  charts: string[];
  kustomizations: string[];
  /** Why a chart or kustomization was not rendered, by the file the notice goes on. */
  notRendered: Map<string, string>;
}

export interface Renderers {
  helm?: string;
  kubectl?: string;
}

export function findRenderers(): Renderers {
  return { helm: findExecutable('helm'), kubectl: findExecutable('kubectl') };
}

/**
 * Expands files and folders into inputs, sorted for deterministic output. A chart folder is rendered
 * whole when helm is available; without it only its templates/ are read (templates with actions are
 * then skipped with a notice, values.yaml and Chart.yaml are never manifests). A kustomization folder
 * is rendered whole when kubectl is available; without it its files are linted as written.
 */
export function collectInputs(paths: string[], renderers: Renderers = {}): WorkspaceInputs {
  const inputs: WorkspaceInputs = { files: [], charts: [], kustomizations: [], notRendered: new Map() };
  const files = new Set<string>();
  const walk = (p: string, explicit: boolean) => {
    const st = statSync(p);
    if (!st.isDirectory()) {
      if (explicit || (isManifestPath(p) && !CONFIG_NAMES.has(p.split(sep).pop() ?? ''))) files.add(resolve(p));
      return;
    }
    if (isChartDir(p)) {
      if (renderers.helm) inputs.charts.push(p);
      else {
        inputs.notRendered.set(join(p, 'Chart.yaml'), 'Helm chart not rendered: helm is not on PATH; templates with {{ }} are skipped');
        try {
          if (statSync(join(p, 'templates')).isDirectory()) walk(join(p, 'templates'), false);
        } catch {
          // a chart without templates has nothing to lint
        }
      }
      return;
    }
    const kustomization = kustomizationFile(p);
    if (kustomization) {
      if (renderers.kubectl) {
        inputs.kustomizations.push(p);
        return;
      }
      inputs.notRendered.set(kustomization, 'kustomization not rendered: kubectl is not on PATH; its files are linted as written, without patches');
    }
    for (const entry of readdirSync(p).sort()) {
      if (SKIPPED_DIRS.has(entry) || entry.startsWith('.')) continue;
      walk(join(p, entry), false);
    }
  };
  for (const p of paths) walk(resolve(p), true);
  inputs.files = [...files].sort();
  return inputs;
}

/** Plain manifest files under `paths` (charts and kustomizations not rendered). */
export function collectManifestFiles(paths: string[]): string[] {
  return collectInputs(paths).files;
}

export class WorkspaceIndex {
  readonly files = new Map<string, SourceFile>();
  private cachedResources: Resource[] | undefined;
  private cachedByKind: Map<string, Resource[]> | undefined;
  private readonly clusterCache = new Map<string, string[]>();
  private readonly kindVersions = new Map<string, number>();
  /** Position of each file in `files` (insertion order), to put a re-parsed file's resources back in place. */
  private readonly fileOrder = new Map<string, number>();
  private nextFileOrder = 0;

  constructor(readonly config: WorkspaceConfig) {}

  /** Cluster names whose manifest globs include `path`; the first cluster when none matches. */
  clustersFor(path: string): string[] {
    const cached = this.clusterCache.get(path);
    if (cached) return cached;
    const withGlobs = this.config.clusters.filter((c) => c.manifests.length > 0);
    let result: string[];
    if (withGlobs.length === 0) result = [this.config.clusters[0].name];
    else {
      const rel = relative(this.config.root, path).split(sep).join('/');
      const matched = withGlobs.filter((c) => c.manifests.some((g) => minimatch(rel, g, { dot: true })));
      result = matched.length > 0 ? matched.map((c) => c.name) : [this.config.clusters[0].name];
    }
    this.clusterCache.set(path, result);
    return result;
  }

  /** Adds or replaces a file (editor buffers pass their unsaved text). Only this file is parsed again. */
  setFile(path: string, text: string): SourceFile {
    const old = this.files.get(path);
    // The file's unchanged documents are taken over from its previous parse: a keystroke re-parses one document.
    const previous = old && !old.rendered ? old : undefined;
    const oldResources = old?.resources ?? [];
    const file = parseSourceFile(path, text, { maxFileBytes: this.config.maxFileBytes, clusters: this.clustersFor(path) }, previous);
    this.replace(path, file, oldResources);
    return file;
  }

  /** Adds helm/kustomize output for the source file at `path`. */
  setRenderedFile(path: string, text: string, rendered: NonNullable<SourceFile['rendered']>): SourceFile {
    const file = parseSourceFile(path, text, { maxFileBytes: this.config.maxFileBytes, clusters: this.clustersFor(path) });
    file.rendered = rendered;
    this.replace(path, file, this.files.get(path)?.resources ?? []);
    return file;
  }

  /** Adds a file parsed elsewhere (loadWorkspace's parallel load), as setFile would add it. */
  putFile(file: SourceFile): void {
    this.replace(file.path, file, this.files.get(file.path)?.resources ?? []);
  }

  removeFile(path: string): void {
    this.replace(path, undefined, this.files.get(path)?.resources ?? []);
  }

  /**
   * A key that changes whenever a resource of one of `kinds` is added, removed or re-parsed. A
   * workspace table that reads only NetworkPolicies can key its cache on this and survive edits of
   * Deployments, instead of being rebuilt on every keystroke.
   */
  kindsVersion(kinds: readonly string[]): string {
    return kinds.map((k) => this.kindVersions.get(k) ?? 0).join('.');
  }

  /**
   * Puts `file` in place of the file at `path`, whose resources were `oldResources`. Resources present
   * in both (documents an edit did not touch, taken over by the parse) count as unchanged: the
   * versions of their kinds stay, so tables built from them survive the edit.
   */
  private replace(path: string, file: SourceFile | undefined, oldResources: readonly Resource[]): void {
    const before = new Set(oldResources);
    const kept = new Set(file ? file.resources.filter((r) => before.has(r)) : []);
    const removed = oldResources.filter((r) => !kept.has(r));
    const added = file ? file.resources.filter((r) => !kept.has(r)) : [];
    for (const r of [...removed, ...added]) this.kindVersions.set(r.kind, (this.kindVersions.get(r.kind) ?? 0) + 1);
    if (file && !this.files.has(path)) this.fileOrder.set(path, this.nextFileOrder++);
    if (file) this.files.set(path, file);
    else this.files.delete(path);
    // Keep the by-kind lists when only this file's resources change: re-linting one file in a big
    // workspace then costs that file's parse, not a rebuild of every list. Lists of the kinds that
    // changed get this file's resources back at the file's place, so they stay in the order a fresh
    // load gives (rules that pick "the first" object would otherwise change their answer).
    if (this.cachedByKind) {
      const order = (r: Resource) => this.fileOrder.get(r.file.path) ?? Infinity;
      const own = this.fileOrder.get(path) ?? Infinity;
      for (const kind of new Set([...removed, ...added].map((r) => r.kind))) {
        const others = (this.cachedByKind.get(kind) ?? []).filter((r) => !before.has(r));
        let at = 0;
        while (at < others.length && order(others[at]) < own) at++;
        others.splice(at, 0, ...(file ? file.resources.filter((r) => r.kind === kind) : []));
        this.cachedByKind.set(kind, others);
      }
    }
    if (!file) this.fileOrder.delete(path);
    this.cachedResources = undefined;
  }

  /** Adds a notice to a file (created empty when it is not a manifest, e.g. Chart.yaml). */
  addNotice(path: string, message: string): void {
    const file = this.files.get(path) ?? this.setFile(path, '');
    const problem: FileProblem = { severity: 'info', code: 'skipped', message, range: LINE_1 };
    file.problems.push(problem);
  }

  /** Reads a file from disk; unreadable or oversized files become a file with one problem instead of an exception. */
  loadFile(path: string): SourceFile {
    let text: string;
    try {
      const size = statSync(path).size;
      if (size > this.config.maxFileBytes) {
        // Not read at all: a huge file must not cost memory or time before it is skipped.
        const file = this.setFile(path, '');
        file.skipped = `file is ${size} bytes, over the limit of ${this.config.maxFileBytes}; raise 'maxFileBytes' in ztn.yaml to lint it`;
        file.problems.push({ severity: 'info', code: 'skipped', message: `skipped: ${file.skipped}`, range: LINE_1 });
        return file;
      }
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const file = this.setFile(path, '');
      file.problems.push({
        severity: 'error',
        code: 'parse',
        message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        range: LINE_1,
      });
      return file;
    }
    return this.setFile(path, text);
  }

  get resources(): Resource[] {
    if (!this.cachedResources) {
      // A plain loop: flatMap over 10,000 resources was a tenth of a one-file re-lint.
      const all: Resource[] = [];
      for (const f of this.files.values()) for (const r of f.resources) all.push(r);
      this.cachedResources = all;
    }
    return this.cachedResources;
  }

  /** Resources by kind, in file order; maintained incrementally by setFile. */
  byKind(kind: string): readonly Resource[] {
    if (!this.cachedByKind) {
      this.cachedByKind = new Map();
      for (const r of this.resources) {
        const list = this.cachedByKind.get(r.kind);
        if (list) list.push(r);
        else this.cachedByKind.set(r.kind, [r]);
      }
    }
    return this.cachedByKind.get(kind) ?? [];
  }

  ofKind(...kinds: string[]): Resource[] {
    if (kinds.length === 1) return this.byKind(kinds[0]).slice();
    const out: Resource[] = [];
    for (const k of kinds) for (const r of this.byKind(k)) out.push(r);
    return out;
  }
}

/**
 * Loads a workspace from paths (files or folders) with a resolved config; renders charts and
 * kustomizations. Big workspaces are parsed on two threads when a core is free (parallelLoad.ts).
 */
export function loadWorkspace(paths: string[], config: WorkspaceConfig, renderers: Renderers = findRenderers(), threads: LoadThreads = 'auto'): WorkspaceIndex {
  const index = new WorkspaceIndex(config);
  const inputs = collectInputs(paths, renderers);
  loadFiles(index, inputs.files, threads);
  for (const chart of inputs.charts) addRendered(index, join(chart, 'Chart.yaml'), renderChart(chart, renderers.helm!));
  for (const dir of inputs.kustomizations) addRendered(index, kustomizationFile(dir)!, renderKustomization(dir, renderers.kubectl!));
  for (const [path, message] of inputs.notRendered) index.addNotice(path, message);
  return index;
}

function addRendered(index: WorkspaceIndex, anchor: string, outcome: ReturnType<typeof renderChart>): void {
  if ('error' in outcome) {
    index.addNotice(anchor, `not rendered: ${outcome.error}`);
    return;
  }
  for (const s of outcome.sources) index.setRenderedFile(s.path, s.text, { tool: s.tool, sourceText: s.sourceText });
}

/** Namespace a namespaced resource lives in ('default' when omitted, as kubectl applies it). */
export function namespaceOf(r: Resource): string {
  return r.namespace ?? 'default';
}


