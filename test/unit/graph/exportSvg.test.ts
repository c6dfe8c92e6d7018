// The webview's SVG export of the current canvas: valid XML, positions kept, edges clipped to node borders.
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { exportSvg } from '../../../webview/exportSvg';

describe('webview: SVG export', () => {
  const nodes = [
    { id: 'box', label: 'shop', classes: ['group', 'namespace'], x: 100, y: 0, w: 400, h: 200, group: true },
    { id: 'a', label: 'frontend\n\uEA87 2', classes: ['workload', 'has-errors'], x: 0, y: 0, w: 100, h: 40, group: false },
    { id: 'b', label: 'cart & <co>', classes: ['workload', 'no-sidecar'], x: 200, y: 0, w: 100, h: 40, group: false },
  ];
  const edges = [{ id: 'a->b:8080', source: 'a', target: 'b', classes: ['plaintext', 'predicted'], port: '8080' }];
  const svg = exportSvg(nodes, edges);

  it('is well-formed SVG with escaped names and without private-use glyphs', () => {
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(svg.includes('cart &amp; &lt;co&gt;'));
    assert.ok(!/[\uE000-\uF8FF]/.test(svg));
  });

  it('draws the edge from border to border, dashed for plaintext', () => {
    assert.match(svg, /<line x1="50.0" y1="0.0" x2="150.0" y2="0.0" stroke="#d97706" stroke-width="1.5" stroke-dasharray="6,4"/);
    assert.match(svg, /class="node workload no-sidecar"[^>]*><rect[^>]*stroke-dasharray/);
  });

  it('covers every element in its view box', () => {
    assert.match(svg, /viewBox="-130.0 -130.0 460.0 260.0"/);
  });
});
