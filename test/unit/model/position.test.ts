// Line tables and offset/position conversion, which every finding's range goes through.
import assert from 'node:assert/strict';
import { computeLineStarts, offsetAt, positionAt } from '../../../src/model/position';

describe('line starts and positions', () => {
  const table: { text: string; starts: number[] }[] = [
    { text: '', starts: [0] },
    { text: 'a', starts: [0] },
    { text: '\n', starts: [0, 1] },
    { text: 'a\nb\r\n\nc', starts: [0, 2, 5, 6] },
    { text: 'x: 1\n\n', starts: [0, 5, 6] },
  ];
  for (const t of table) {
    it(`line starts of ${JSON.stringify(t.text)}`, () => {
      const lineStarts = computeLineStarts(t.text);
      assert.deepEqual(lineStarts, t.starts);
      // Every offset maps to a position and back.
      for (let offset = 0; offset <= t.text.length; offset++) {
        assert.equal(offsetAt({ lineStarts, text: t.text }, positionAt({ lineStarts }, offset)), offset);
      }
    });
  }
});
