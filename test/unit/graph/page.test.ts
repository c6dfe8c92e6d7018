// The standalone page: strict CSP with a nonce, no remote resources, the graph embedded so no text can break out.
import assert from 'node:assert/strict';
import { contentSecurityPolicy, jsonForScript, renderGraphPage } from '../../../webview/page';
import { buildTrustGraph } from '../../../src/graph/build';
import { shopIndex } from './fixture';

const assets = { script: 'console.log("</script>")', style: 'body{}' };
const nonce = 'abcdefghijklmnopqrstuv';

describe('webview: standalone page', () => {
  it('allows only its own nonce-carrying script and style, blob: workers and data: fonts', () => {
    const csp = contentSecurityPolicy(nonce);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
    assert.match(csp, new RegExp(`style-src 'nonce-${nonce}'(;|$)`));
    assert.match(csp, /worker-src blob:/);
    assert.match(csp, /font-src data:/);
    assert.match(csp, /connect-src 'none'/);
    assert.ok(!/https?:/.test(csp));
  });

  it('embeds the graph as JSON that cannot close its script element', () => {
    const graph = buildTrustGraph(shopIndex());
    graph.nodes[0].label = '</script><img src=x onerror=alert(1)>';
    const html = renderGraphPage({ assets, nonce, graph });
    const json = /<script type="application\/json" id="ztn-graph">([^<]*)<\/script>/.exec(html);
    assert.ok(json, 'graph script element present and free of "<"');
    assert.equal(JSON.parse(json[1]).nodes[0].label, graph.nodes[0].label);
    assert.ok(html.includes(`<script nonce="${nonce}">console.log("<\\/script>")</script>`));
    assert.ok(html.includes(`<style nonce="${nonce}">`));
    assert.ok(!/<(script|link|img)[^>]+(src|href)=/.test(html), 'no external resources');
  });

  it('refuses a weak nonce', () => {
    assert.throws(() => renderGraphPage({ assets, nonce: 'short' }), /nonce/);
  });

  it('escapes line and paragraph separators in JSON', () => {
    assert.equal(jsonForScript('a\u2028b<'), '"a\\u2028b\\u003c"');
  });
});
