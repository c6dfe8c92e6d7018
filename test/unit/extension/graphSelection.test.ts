// firstGraphState: a selection asked for before the webview's first graph travels with that graph.
import assert from 'node:assert/strict';
import { firstGraphState } from '../../../src/extension/graphSelection';
import type { ViewState } from '../../../webview/protocol';
import { defaultViewState } from '../../../webview/view';

const restored: ViewState = {
  ...defaultViewState(),
  layout: 'force',
  collapsed: ['namespace:cluster1/batch'],
  positions: { 'cluster1/shop/cart': { x: 1, y: 2 } },
  selected: 'cluster1/shop/frontend',
};

const cases: { name: string; restored?: ViewState; select?: string; expected: ViewState | undefined }[] = [
  { name: 'nothing restored, nothing to select: the webview starts from its defaults', expected: undefined },
  {
    name: 'nothing restored, a workload to select (CodeLens "show in graph")',
    select: 'cluster1/shop/cart',
    expected: { ...defaultViewState(), selected: 'cluster1/shop/cart' },
  },
  { name: 'a restored state is kept as it was', restored, expected: restored },
  {
    name: 'a restored state keeps its layout and positions, the new selection wins',
    restored,
    select: 'cluster1/shop/cart',
    expected: { ...restored, selected: 'cluster1/shop/cart' },
  },
];

describe('extension: the trust graph starts with the selection the host was asked for', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(firstGraphState(c.restored, c.select), c.expected);
    });
  }

  it('does not change the restored state it was given', () => {
    const copy = structuredClone(restored);
    firstGraphState(restored, 'cluster1/shop/cart');
    assert.deepEqual(restored, copy);
  });
});
