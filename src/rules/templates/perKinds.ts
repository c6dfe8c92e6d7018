// Workspace tables that depend on a few kinds only: rebuilt when an object of those kinds changes, not on every edit.
import type { WorkspaceIndex } from '../../model/workspace';

/**
 * Wraps `build` so it runs again only when an object of one of `kinds` was added, removed or
 * re-parsed (WorkspaceIndex.kindsVersion). `build` must read the workspace through those kinds
 * (index.byKind), or the table goes stale when other kinds change.
 */
export function perKinds<T>(kinds: readonly string[], build: (index: WorkspaceIndex) => T): (index: WorkspaceIndex) => T {
  const cache = new WeakMap<WorkspaceIndex, { version: string; value: T }>();
  return (index) => {
    const version = index.kindsVersion(kinds);
    const hit = cache.get(index);
    if (hit && hit.version === version) return hit.value;
    const value = build(index);
    cache.set(index, { version, value });
    return value;
  };
}
