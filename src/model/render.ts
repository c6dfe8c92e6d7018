// Renders Helm charts and kustomizations with the user's own helm / kubectl, so templates are linted as deployed.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, delimiter, join, sep } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES } from './parse';
import { readBoundedFile } from './safeRead';

export type RenderTool = 'helm' | 'kustomize';

/** Rendered text of one source file (a chart template, or a kustomization input) with where it came from. */
export interface RenderedSource {
  /** The file findings map back to: the template, the kustomize input file, or kustomization.yaml. */
  path: string;
  text: string;
  tool: RenderTool;
  /** Text of `path` as written, to find an object's name line in it. */
  sourceText: string;
}

export type RenderOutcome = { sources: RenderedSource[] } | { error: string };

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** A render that hangs (a chart pulling dependencies from the network) must not hang linting. */
export const RENDER_TIMEOUT_MS = 30_000;
const MAX_RENDER_OUTPUT = 64 * 1024 * 1024;

/** Absolute path of an executable on PATH, or undefined. Looked up each time: tests change PATH. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function isChartDir(dir: string): boolean {
  return existsSync(join(dir, 'Chart.yaml'));
}

export function kustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
}

function run(executable: string, args: string[]): { stdout: string } | { error: string } {
  const r = spawnSync(executable, args, { encoding: 'utf8', timeout: RENDER_TIMEOUT_MS, maxBuffer: MAX_RENDER_OUTPUT });
  if (r.error) return { error: (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `timed out after ${RENDER_TIMEOUT_MS / 1000}s` : r.error.message };
  if (r.status !== 0) return { error: (r.stderr || `exit code ${r.status}`).trim().split('\n')[0] };
  return { stdout: r.stdout };
}

/** Splits a YAML stream at `---` lines; each chunk keeps its own text (comments included). */
function splitDocuments(stream: string): string[] {
  return stream
    .split(/^---[ \t]*$/m)
    .map((chunk) => chunk.replace(/^\n/, ''))
    .filter((chunk) => /^[ \t]*[A-Za-z"']/m.test(chunk.replace(/^[ \t]*#.*$/gm, '')));
}

/** A source file's text as written, to map rendered objects back to it; '' when it is not a readable regular file. */
function readText(path: string): string {
  const read = readBoundedFile(path, DEFAULT_MAX_FILE_BYTES);
  return read.ok ? read.text : '';
}

function group(chunks: { path: string; text: string }[], tool: RenderTool): RenderedSource[] {
  const byPath = new Map<string, string[]>();
  for (const c of chunks) {
    const list = byPath.get(c.path) ?? [];
    list.push(c.text);
    byPath.set(c.path, list);
  }
  return [...byPath].map(([path, texts]) => ({ path, text: texts.join('---\n'), tool, sourceText: readText(path) }));
}

/** `helm template`, mapped back to each template file through helm's `# Source: chart/templates/x.yaml` lines. */
export function renderChart(dir: string, helm: string): RenderOutcome {
  const out = run(helm, ['template', basename(dir), dir]);
  if ('error' in out) return { error: `helm template failed: ${out.error}` };
  const chunks = splitDocuments(out.stdout).map((text) => {
    const source = /^# Source: ([^\n]+)$/m.exec(text)?.[1]?.trim();
    // The first segment is the chart's name, not necessarily its folder's name.
    const rel = source ? source.split('/').slice(1).join(sep) : '';
    return { path: rel ? join(dir, rel) : join(dir, 'Chart.yaml'), text };
  });
  return { sources: group(chunks, 'helm') };
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...yamlFilesUnder(p));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && !KUSTOMIZATION_NAMES.includes(entry.name)) out.push(p);
  }
  return out.sort();
}

/**
 * `kubectl kustomize`: its output has no source comments, so each object goes to the input file under the
 * kustomization folder that declares its kind and name; objects renamed by a prefix or generated go to
 * kustomization.yaml.
 */
export function renderKustomization(dir: string, kubectl: string): RenderOutcome {
  const out = run(kubectl, ['kustomize', dir]);
  if ('error' in out) return { error: `kubectl kustomize failed: ${out.error}` };
  const inputs = yamlFilesUnder(dir).map((path) => ({ path, text: readText(path) }));
  const fallback = kustomizationFile(dir) ?? join(dir, 'kustomization.yaml');
  const chunks = splitDocuments(out.stdout).map((text) => {
    const kind = /^kind:[ \t]*(\S+)/m.exec(text)?.[1];
    const name = metadataName(text);
    const home =
      kind && name ? inputs.find((i) => new RegExp(`^kind:[ \\t]*${escape(kind)}\\s*$`, 'm').test(i.text) && nameLine(i.text, name) !== undefined) : undefined;
    return { path: home?.path ?? fallback, text };
  });
  return { sources: group(chunks, 'kustomize') };
}

/**
 * The `name:` of the top-level `metadata:` block of one rendered object, read line by line (as one
 * pattern with a lazy repeat over the block's lines it backtracked quadratically on long blocks).
 */
export function metadataName(text: string): string | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^metadata:\s*$/.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && /^\s*$/.test(lines[j])) j++;
    for (; j < lines.length && /^[ \t]/.test(lines[j]); j++) {
      const name = /^[ \t]+name:[ \t]*["']?([^"'\s]+)/.exec(lines[j]);
      if (name) return name[1];
    }
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offsets of `name: <name>` (the value) in a source text, to map a rendered object back to where it is written. */
export function nameLine(sourceText: string, name: string): [number, number] | undefined {
  if (!name) return undefined;
  const m = new RegExp(`^[ \\t]*name:[ \\t]*["']?(${escape(name)})["']?[ \\t]*(#.*)?$`, 'm').exec(sourceText);
  if (!m) return undefined;
  const start = m.index + m[0].indexOf(m[1]);
  return [start, start + name.length];
}
