import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import { applyEdits } from '../../../src/fix/types';
import { removeListItem } from '../../../src/fix/removeListItem';
import { WorkspaceIndex } from '../../../src/model/workspace';

function remove(text: string, path: (string | number)[], index: number): string {
  const ws = new WorkspaceIndex(defaultConfig('/virtual'));
  const file = ws.setFile('/virtual/a.yaml', text);
  return applyEdits(text, removeListItem(file.resources[0], path, index));
}

describe('removeListItem', () => {
  const head = 'apiVersion: v1\nkind: X\nmetadata: {name: a}\n';
  const table: { name: string; body: string; index: number; out: string }[] = [
    { name: 'middle block item with comment', body: 'add:\n- A # a\n- B # b\n- C\nnext: 1\n', index: 1, out: 'add:\n- A # a\n- C\nnext: 1\n' },
    { name: 'last block item at end of file', body: 'add:\n  - A\n  - B\n', index: 1, out: 'add:\n  - A\n' },
    { name: 'only block item leaves []', body: 'add:\n  - A # why\nnext: 1\n', index: 0, out: 'add: []\nnext: 1\n' },
    { name: 'first flow item', body: 'add: [A, B, C]\n', index: 0, out: 'add: [B, C]\n' },
    { name: 'last flow item', body: 'add: [A, B, C]\n', index: 2, out: 'add: [A, B]\n' },
    { name: 'only flow item', body: 'add: [A]\n', index: 0, out: 'add: []\n' },
  ];
  for (const t of table) {
    it(t.name, () => assert.equal(remove(head + t.body, ['add'], t.index), head + t.out));
  }
  it('leaves non-sequences alone', () => assert.equal(remove(head + 'add: x\n', ['add'], 0), head + 'add: x\n'));
});
