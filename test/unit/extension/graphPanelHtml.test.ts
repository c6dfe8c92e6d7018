import assert from 'node:assert/strict';
import { graphPanelHtml, newNonce } from '../../../src/extension/graphPanelHtml';

describe('extension: trust graph webview HTML', () => {
  const nonce = newNonce();
  const html = graphPanelHtml(
    {
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      scriptUri: 'https://x/dist/webview/trustGraph.js',
      styleUri: 'https://x/dist/webview/trustGraph.css',
      title: 'Trust "Graph"',
    },
    nonce,
  );
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;|&apos;/g, "'") ?? '';

  it('denies everything by default and allows scripts only with the nonce', () => {
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /connect-src 'none'/);
  });

  it('every script tag carries the nonce', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const s of scripts) assert.match(s, new RegExp(`nonce="${nonce}"`));
  });

  it('nonces are fresh and long enough', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newNonce()));
    assert.equal(seen.size, 2000);
    for (const n of seen) assert.match(n, /^[A-Za-z0-9]{24,}$/, 'at least 128 bits, letters and digits only');
  });

  it('escapes the title and asset URLs', () => {
    assert.match(html, /<title>Trust &quot;Graph&quot;<\/title>/);
    assert.match(csp, /worker-src blob:/, 'the layout worker starts from a blob: URL');
    assert.match(csp, /style-src 'nonce-[^']+' https:\/\/file\+\.vscode-resource/, 'the stylesheet comes from the extension');
  });
});
