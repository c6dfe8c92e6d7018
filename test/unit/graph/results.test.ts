// Results files (simulate --format json or sandbox replay): accepted shape, and bad input with its position.
import assert from 'node:assert/strict';
import { ResultsFileError, parseResultsFile } from '../../../src/graph/results';

const good = {
  calls: [
    {
      name: 'a',
      from: 'east/shop/frontend',
      to: 'east/shop/cart',
      port: 8080,
      mtls: true,
      allowed: true,
      verdict: 'allowed',
      explanation: [{ step: 'authorization', detail: 'ALLOW rule 0 matched' }],
      observed: { outcome: 'ok', status: 200 },
      agrees: true,
    },
  ],
  summary: { total: 1, allowed: 1, denied: 0, mtls: 1, expectationsFailed: 0 },
};

describe('graph: results files', () => {
  it('reads the results shape with observations', () => {
    const r = parseResultsFile('replay.json', JSON.stringify(good, null, 2));
    assert.equal(r.calls.length, 1);
    assert.equal(r.calls[0].agrees, true);
    assert.equal(r.calls[0].observed?.status, 200);
    assert.deepEqual(r.summary, good.summary);
  });

  const bad: { name: string; text: string; line: number; column: number; message: RegExp }[] = [
    { name: 'not JSON', text: '{"calls": [', line: 1, column: 12, message: /.+/ },
    { name: 'no calls list', text: '{"summary": {}}', line: 1, column: 1, message: /"calls" must be a list/ },
    {
      name: 'unknown verdict',
      text: '{"calls": [\n  {"from": "a", "to": "b", "port": 1, "mtls": true, "allowed": true,\n   "verdict": "maybe"}]}',
      line: 3,
      column: 15,
      message: /calls\[0\]\.verdict must be one of/,
    },
    {
      name: 'port as text',
      text: '{"calls": [{"from": "a", "to": "b", "port": "80", "mtls": true, "allowed": true, "verdict": "allowed"}]}',
      line: 1,
      column: 45,
      message: /calls\[0\]\.port must be an integer/,
    },
    {
      name: 'missing from',
      text: '{"calls": [{"to": "b", "port": 80, "mtls": true, "allowed": true, "verdict": "allowed"}]}',
      line: 1,
      column: 12,
      message: /calls\[0\]\.from must be a non-empty string/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} with file and position`, () => {
      assert.throws(
        () => parseResultsFile('replay.json', c.text),
        (err: unknown) => {
          assert.ok(err instanceof ResultsFileError);
          assert.equal(err.file, 'replay.json');
          assert.equal(err.line, c.line);
          assert.equal(err.column, c.column);
          assert.match(err.message, c.message);
          assert.ok(err.message.startsWith(`replay.json:${c.line}:${c.column}: `));
          return true;
        },
      );
    });
  }
});
