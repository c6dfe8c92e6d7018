// The view state: restored over the defaults, boxes collapsed and expanded, saved once after a burst of changes.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import type { ViewState } from '../../../webview/protocol';
import { defaultViewState } from '../../../webview/view';
import { collapseAllNamespaces, debouncedSaver, hasSavedPositions, restoreViewState, toggleCollapsed } from '../../../webview/viewState';
import { shopIndex, shopTraffic } from './fixture';

describe('webview: view state', () => {
  it('restores a save over the defaults, filter by filter', () => {
    assert.deepEqual(restoreViewState(undefined), defaultViewState());
    const saved = { layout: 'force', filters: { search: 'cart' }, collapsed: ['namespace:c/shop'], positions: {} } as unknown as ViewState;
    const state = restoreViewState(saved);
    assert.equal(state.layout, 'force');
    assert.deepEqual(state.filters, { ...defaultViewState().filters, search: 'cart' });
    assert.deepEqual(state.collapsed, ['namespace:c/shop']);
  });

  it('lets a selection asked for before the graph came win over the saved one', () => {
    const saved: ViewState = { ...defaultViewState(), selected: 'old' };
    assert.equal(restoreViewState(saved, 'asked').selected, 'asked');
    assert.equal(restoreViewState(saved).selected, 'old');
  });

  it('needs a first layout only without saved positions', () => {
    assert.equal(hasSavedPositions(defaultViewState()), false);
    assert.equal(hasSavedPositions({ ...defaultViewState(), positions: { a: { x: 0, y: 0 } } }), true);
  });

  it('collapses and expands one box, or every namespace', () => {
    assert.deepEqual(toggleCollapsed(['a'], 'b'), ['a', 'b']);
    assert.deepEqual(toggleCollapsed(['a', 'b'], 'a'), ['b']);
    const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });
    const namespaces = graph.groups.filter((g) => g.kind === 'namespace').map((g) => g.id);
    assert.ok(namespaces.length > 1);
    assert.deepEqual(collapseAllNamespaces(graph, true), namespaces);
    assert.deepEqual(collapseAllNamespaces(graph, false), []);
  });

  it('saves once after a burst of changes, the state as it is then', async () => {
    const saved: ViewState[] = [];
    let state: ViewState = defaultViewState();
    const persist = debouncedSaver(
      () => state,
      (s) => saved.push(s),
      5,
    );
    persist();
    state = { ...state, focus: 'a' };
    persist();
    state = { ...state, focus: 'b' };
    persist();
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(
      saved.map((s) => s.focus),
      ['b'],
    );
  });
});
