// The workspace index: every manifest file across folders, so checks can use cross-file context.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { WorkspaceConfig } from './config';
import { loadFiles, type LoadThreads } from './parallelLoad';
import { parseSourceFile } from './parse';
import { findExecutable, isChartDir, kustomizationFile, renderChart, renderKustomization } from './render';
import { entryKind, RAISE_LIMIT_HINT, readBoundedFile } from './safeRead';
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
  /** Entries not read (FIFOs, devices, dangling or looping symlinks, symlinks leading outside), with why. */
  skipped: Map<string, string>;
}

export interface Renderers {
  helm?: string;
  kubectl?: string;
}

export function findRenderers(): Renderers {
  return { helm: findExecutable('helm'), kubectl: findExecutable('kubectl') };
}

/** The kind of a folder entry that the walk needs to tell apart: lstat's answer, so a symlink is a symlink. */
type EntryType = Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

function isInside(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * Expands files and folders into inputs, sorted for deterministic output. A chart folder is rendered
 * whole when helm is available; without it only its templates/ are read (templates with actions are
 * then skipped with a notice, values.yaml and Chart.yaml are never manifests). A kustomization folder
 * is rendered whole when kubectl is available; without it its files are linted as written.
 *
 * The folders may come from a stranger (a pull request), so the walk trusts no entry: it goes by
 * lstat, takes regular files only (a FIFO would block the read, a device never ends), and follows a
 * symlink only to a regular file or a folder inside the folders given, each real folder once (a
 * loop ends). Symlinks are followed after the plain walk, so a folder reached both ways is read
 * under its own name. Whatever is left out gets a reason in `skipped` (one ZT0002 notice each).
 */
export function collectInputs(paths: string[], renderers: Renderers = {}): WorkspaceInputs {
  const inputs: WorkspaceInputs = { files: [], charts: [], kustomizations: [], notRendered: new Map(), skipped: new Map() };
  const files = new Set<string>();
  /** Real path of each file taken, to the name it was taken under: a file linked twice is read once. */
  const realFiles = new Map<string, string>();
  /** Real path of each folder walked, to the name it was walked under. */
  const walked = new Map<string, string>();
  /** Real paths of the folders given: symlinks may lead anywhere inside them, nowhere else. */
  const roots: string[] = [];
  const links: string[] = [];
  const isManifestEntry = (p: string) => isManifestPath(p) && !CONFIG_NAMES.has(basename(p));
  /** `to` as seen from the folder of `from`, for notices: the user reads them next to `from`. */
  const near = (from: string, to: string) => relative(dirname(from), to) || '.';
  const skip = (p: string, why: string) => {
    if (!inputs.skipped.has(p)) inputs.skipped.set(p, why);
  };
  const addFile = (p: string, real: string) => {
    const first = realFiles.get(real);
    if (first !== undefined) {
      if (first !== p) skip(p, `same file as ${near(p, first)}, which is linted`);
      return;
    }
    realFiles.set(real, p);
    files.add(p);
  };
  const entry = (p: string, real: string, type: EntryType) => {
    if (type.isDirectory()) walk(p, real);
    else if (type.isFile()) {
      if (isManifestEntry(p)) addFile(p, real);
    } else if (type.isSymbolicLink()) links.push(p);
    else if (isManifestEntry(p)) skip(p, `not a regular file (${entryKind(type as Stats)})`);
  };
  const walk = (dir: string, real: string) => {
    if (walked.has(real)) return;
    walked.set(real, dir);
    if (isChartDir(dir)) {
      if (renderers.helm) inputs.charts.push(dir);
      else {
        inputs.notRendered.set(join(dir, 'Chart.yaml'), 'Helm chart not rendered: helm is not on PATH; templates with {{ }} are skipped');
        const templates = join(dir, 'templates');
        const type = lstatOrUndefined(templates);
        if (type) entry(templates, join(real, 'templates'), type); // a chart without templates has nothing to lint
      }
      return;
    }
    const kustomization = kustomizationFile(dir);
    if (kustomization) {
      if (renderers.kubectl) {
        inputs.kustomizations.push(dir);
        return;
      }
      inputs.notRendered.set(kustomization, 'kustomization not rendered: kubectl is not on PATH; its files are linted as written, without patches');
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      skip(dir, `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (SKIPPED_DIRS.has(e.name) || e.name.startsWith('.')) continue;
      entry(join(dir, e.name), join(real, e.name), e);
    }
  };
  const followLink = (p: string) => {
    let real: string;
    let target: Stats;
    try {
      real = realpathSync(p);
      target = statSync(real);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      skip(
        p,
        code === 'ELOOP'
          ? 'symlink loop'
          : code === 'ENOENT'
            ? 'dangling symlink: what it points to does not exist'
            : `cannot follow symlink: ${code ?? (err as Error).message}`,
      );
      return;
    }
    if (!target.isDirectory() && !isManifestEntry(p)) return; // not something the walk would read anyway
    if (!isInside(real, roots)) return skip(p, `symlink to ${real}, outside the folders being linted`);
    if (target.isDirectory()) {
      const seen = walked.get(real);
      if (seen === undefined) return walk(p, real);
      const into = isInside(realpathSync(dirname(p)), [real]);
      if (!into) return skip(p, `symlink to ${near(p, seen)}, a folder already linted`);
      return skip(p, `symlink loop: points to ${near(p, seen) === '.' ? 'its own folder' : `${near(p, seen)}, a folder that contains it`}`);
    }
    if (target.isFile()) return addFile(p, real);
    skip(p, `symlink to ${entryKind(target)}, not a regular file`);
  };

  for (const given of paths) {
    const p = resolve(given);
    let st: Stats;
    let real: string;
    try {
      // A path on the command line is the user's own choice: a symlink there is followed wherever it leads.
      st = statSync(p);
      real = realpathSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      skip(p, code === 'ELOOP' ? 'symlink loop' : `cannot read: ${code ?? (err as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      roots.push(real);
      walk(p, real);
    } else if (st.isFile()) addFile(p, real);
    else skip(p, `not a regular file (${entryKind(st)})`);
  }
  for (let i = 0; i < links.length; i++) followLink(links[i]);
  inputs.files = [...files].sort();
  return inputs;
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
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

  /**
   * Reads a file from disk through the bounded reader (safeRead.ts); a file not read (too large, not a
   * regular file, unreadable) becomes a file with one problem instead of an exception.
   */
  loadFile(path: string): SourceFile {
    const outcome = readBoundedFile(path, this.config.maxFileBytes);
    if (outcome.ok) return this.setFile(path, outcome.text);
    const file = this.setFile(path, '');
    if (outcome.why === 'unreadable') {
      file.problems.push({ severity: 'error', code: 'parse', message: outcome.reason, range: LINE_1 });
      return file;
    }
    file.skipped = outcome.why === 'too-large' ? `${outcome.reason}; ${RAISE_LIMIT_HINT} to lint it` : outcome.reason;
    file.problems.push({ severity: 'info', code: 'skipped', message: `skipped: ${file.skipped}`, range: LINE_1 });
    return file;
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
  for (const [path, why] of inputs.skipped) index.addNotice(path, `skipped: ${why}`);
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
