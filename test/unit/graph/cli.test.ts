// `ztn graph` end to end through the CLI entry: formats, flags, and bad input as exit 2 with one line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { FIXTURES } from './fixture';

async function ztn(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: FIXTURES });
  return { code, out, err };
}

describe('ztn graph', () => {
  it('writes the graph as JSON by default', async () => {
    const r = await ztn('graph', 'shop.yaml', '--traffic', 'traffic.yaml');
    assert.equal(r.code, 0, r.err);
    const graph = JSON.parse(r.out);
    assert.equal(graph.version, 1);
    assert.ok(graph.edges.some((e: { origins: string[] }) => e.origins.includes('traffic')));
  });

  for (const [format, check] of [
    ['dot', /^digraph trust \{/],
    ['mermaid', /^flowchart LR/],
    ['svg', /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/],
  ] as const) {
    it(`--format ${format}`, async () => {
      const r = await ztn('graph', 'shop.yaml', '--format', format);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, check);
    });
  }

  it('--edges allowed adds the matrix', async () => {
    const known = JSON.parse((await ztn('graph', 'shop.yaml')).out);
    const all = JSON.parse((await ztn('graph', 'shop.yaml', '--edges', 'allowed')).out);
    assert.ok(all.edges.length > known.edges.length);
  });

  it('--results marks verified edges; --output writes a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztn-graph-'));
    try {
      const results = {
        calls: [
          {
            name: 'cart-to-catalog',
            from: 'cluster1/shop/cart',
            to: 'cluster1/shop/catalog',
            port: 9090,
            mtls: true,
            allowed: true,
            verdict: 'allowed',
            explanation: [],
            observed: { outcome: 'ok' },
            agrees: true,
          },
        ],
      };
      writeFileSync(join(dir, 'replay.json'), JSON.stringify(results));
      const r = await ztn('graph', 'shop.yaml', '--results', join(dir, 'replay.json'), '--output', join(dir, 'g.json'));
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '');
      const graph = JSON.parse(readFileSync(join(dir, 'g.json'), 'utf8'));
      assert.equal(graph.summary.verified, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const usage: [string, string[], RegExp][] = [
    ['unknown format', ['graph', 'shop.yaml', '--format', 'png'], /--format must be one of json, dot, mermaid, html, svg/],
    ['unknown edges mode', ['graph', 'shop.yaml', '--edges', 'every'], /--edges must be one of known, allowed/],
    ['missing traffic file', ['graph', 'shop.yaml', '--traffic', 'nope.yaml'], /--traffic: cannot read nope.yaml: ENOENT/],
    ['bad results file', ['graph', 'shop.yaml', '--results', 'shop.yaml'], /shop.yaml:\d+:\d+: /],
    ['bad traffic file', ['graph', 'shop.yaml', '--traffic', 'shop.yaml'], /shop.yaml:\d+:\d+: /],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 with one line for ${name}`, async () => {
      const r = await ztn(...args);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, message);
      assert.equal(r.err.trim().split('\n').length, 1);
    });
  }
});
