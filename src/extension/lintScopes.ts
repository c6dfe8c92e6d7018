// Which ztn.yaml (or workspace folder) a file belongs to: the deepest scope root that contains it.
import { dirname, relative, sep, isAbsolute } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load';
import { isManifestPath } from '../model/workspace';

export function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The deepest root containing `file`; undefined when no root does. */
export function scopeRootFor(file: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const root of roots) {
    if (isInside(root, file) && (!best || root.length > best.length)) best = root;
  }
  return best;
}

/** Scope roots: each ztn.yaml's folder plus each workspace folder, without duplicates, deepest last. */
export function scopeRoots(workspaceFolders: readonly string[], configFiles: readonly string[]): string[] {
  const roots = new Set<string>(workspaceFolders);
  for (const f of configFiles) roots.add(dirname(f));
  return [...roots].sort((a, b) => a.split(sep).length - b.split(sep).length || a.localeCompare(b));
}

export function isConfigFile(file: string): boolean {
  return CONFIG_FILE_NAMES.includes(file.split(sep).pop() ?? '');
}

/** Files the linter indexes: manifests by extension, never the ztn.yaml itself (it is config, not a manifest). */
export function isLintedFile(file: string): boolean {
  return isManifestPath(file) && !isConfigFile(file);
}

/**
 * Whether an editor buffer that is not yet indexed should be: only when it looks like a Kubernetes object,
 * so opening settings.json, tsconfig.json or a compose file never brings parse errors for non-manifests.
 */
export function looksLikeManifest(text: string): boolean {
  return /^\s*(-\s+)?"?apiVersion"?\s*:/m.test(text) && /^\s*(-\s+)?"?kind"?\s*:/m.test(text);
}
