import assert from 'node:assert/strict';
import { formatGoDuration, parseGoDuration } from '../../../../src/rules/certificates/duration';

describe('Go durations', () => {
  const table: [string, number | undefined][] = [
    ['2160h', 2160 * 3600],
    ['720h0m0s', 720 * 3600],
    ['90m', 5400],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['0', 0],
    ['90d', undefined],
    ['', undefined],
    ['h', undefined],
  ];
  for (const [text, seconds] of table) it(`${JSON.stringify(text)} -> ${seconds}`, () => assert.equal(parseGoDuration(text), seconds));

  it('formats hours and minutes the way cert-manager examples do', () => {
    assert.equal(formatGoDuration(2160 * 3600), '2160h');
    assert.equal(formatGoDuration(720 * 3600), '720h');
    assert.equal(formatGoDuration(5400), '1h30m');
    assert.equal(formatGoDuration(1200), '20m');
  });
});
