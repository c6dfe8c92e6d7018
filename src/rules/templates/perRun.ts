// Per-lint-run lookups: workspace-level tables built once per resource set, never per resource.
import type { Resource } from '../../model/types';
import type { WorkspaceIndex } from '../../model/workspace';

/**
 * Wraps `build` so it runs once per state of the workspace. The key is the index's resource array,
 * which the index replaces whenever a file changes, so an editor session never sees a stale table.
 */
export function perRun<T>(build: (index: WorkspaceIndex) => T): (index: WorkspaceIndex) => T {
  const cache = new WeakMap<readonly Resource[], T>();
  return (index) => {
    const key = index.resources;
    let value = cache.get(key);
    if (value === undefined) {
      value = build(index);
      cache.set(key, value);
    }
    return value;
  };
}
