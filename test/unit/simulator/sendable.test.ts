// Which traffic calls no HTTP client can send: the sandboxes report them per call instead of ending the replay.
import { strict as assert } from 'node:assert';
import { unsendableReason } from '../../../simulator/shared/sendable';

describe('unsendable traffic calls', () => {
  const base = { from: 'a', to: 'b:80' };
  const cases: [string, object, RegExp | undefined][] = [
    ['a plain call', {}, undefined],
    ['a percent-encoded path', { path: '/a%20b?q=1' }, undefined],
    ['a path with a space', { path: '/a b' }, /path "\/a b" holds a space/],
    ['a path with a line break', { path: '/a\nb' }, /path/],
    ['a method with spaces', { method: 'GET ME' }, /method "GET ME" is not an HTTP token/],
    ['a header name with a space', { headers: { 'x bad': '1' } }, /header name "x bad"/],
    ['a header value with CRLF', { headers: { 'x-ok': 'a\r\nInjected: 1' } }, /header x-ok has a value with a line break/],
    ['a TCP call ignores HTTP fields', { protocol: 'tcp', path: '/a b' }, undefined],
  ];
  for (const [name, fields, reason] of cases) {
    it(name, () => {
      const got = unsendableReason({ ...base, ...fields });
      if (reason) assert.match(got ?? '', reason);
      else assert.equal(got, undefined);
    });
  }
});
