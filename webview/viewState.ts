// The view state the webview keeps and the host saves: restored from a save, changed by box actions, saved debounced.
import type { TrustGraph } from '../src/graph/types';
import type { ViewState } from './protocol';
import { defaultViewState } from './view';

/**
 * The state to show a graph with: what was saved, over the defaults (a save from an older page may lack fields). A
 * selection asked for before any graph came wins over the saved one.
 */
export function restoreViewState(saved: ViewState | undefined, pendingSelection?: string): ViewState {
  const defaults = defaultViewState();
  const state: ViewState = { ...defaults, ...saved, filters: { ...defaults.filters, ...saved?.filters } };
  if (pendingSelection) state.selected = pendingSelection;
  return state;
}

/** Whether the state carries node positions to draw at, so the graph needs no first layout. */
export function hasSavedPositions(state: ViewState): boolean {
  return Object.keys(state.positions).length > 0;
}

/** Collapsed boxes after a box is collapsed or expanded. */
export function toggleCollapsed(collapsed: readonly string[], groupId: string): string[] {
  const set = new Set(collapsed);
  if (set.has(groupId)) set.delete(groupId);
  else set.add(groupId);
  return [...set];
}

/** Collapsed boxes after "collapse all" (every namespace) or "expand all" (none). */
export function collapseAllNamespaces(graph: TrustGraph, collapse: boolean): string[] {
  return collapse ? graph.groups.filter((g) => g.kind === 'namespace').map((g) => g.id) : [];
}

/**
 * Saves the state `delayMs` after the last change: a drag or a zoom changes it on every frame. `read` is asked at
 * saving time, so the latest state is what is saved.
 */
export function debouncedSaver(read: () => ViewState, save: (state: ViewState) => void, delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => save(read()), delayMs);
  };
}
