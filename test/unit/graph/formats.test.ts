// DOT, Mermaid and SVG writers: every node and edge present, styled by channel state, output well-formed.
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildTrustGraph } from '../../../src/graph/build';
import { toDot } from '../../../src/graph/dot';
import { STATE_STYLES } from '../../../src/graph/legend';
import { toMermaid } from '../../../src/graph/mermaid';
import { toSvg } from '../../../src/graph/svg';
import { CART, CATALOG, FRONTEND, REPORTING, shopIndex, shopTraffic } from './fixture';

describe('graph: text and image formats', () => {
  const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });

  it('DOT: one subgraph per box, every node, edges coloured and dashed by state', () => {
    const dot = toDot(graph);
    assert.match(dot, /^digraph trust \{/);
    assert.equal((dot.match(/subgraph cluster_/g) ?? []).length, graph.groups.length);
    for (const n of graph.nodes) assert.ok(dot.includes(`"${n.id}" [label=`), `node ${n.id}`);
    const line = (from: string, to: string) => dot.split('\n').find((l) => l.includes(`"${from}" -> "${to}"`)) ?? '';
    assert.match(line(FRONTEND, CATALOG), new RegExp(`color="${STATE_STYLES.denied.color}".*arrowhead=tee`));
    assert.match(line(FRONTEND, CATALOG), /denied-by-authorization/);
    assert.match(line(FRONTEND, REPORTING), /style=dashed/);
    assert.match(line(CART, CATALOG), new RegExp(`label="🔒 9090".*color="${STATE_STYLES.mtls.color}"`));
    assert.match(dot, /"cluster1\/legacy\/reporting" \[label="reporting\\nno sidecar/);
    assert.match(dot.trimEnd(), /\}$/);
  });

  it('Mermaid: a flowchart with subgraphs, arrows by state and one linkStyle per edge', () => {
    const mermaid = toMermaid(graph);
    const lines = mermaid.split('\n');
    assert.equal(lines[0], 'flowchart LR');
    const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
    const edgeLines = lines.filter((l) => /^\s+n\d+ (-->|-\.->|--x)\|/.test(l));
    assert.equal(edgeLines.length, graph.edges.length);
    assert.ok(edgeLines.some((l) => l.includes(`${ids.get(FRONTEND)} --x|`) && l.endsWith(ids.get(CATALOG)!)));
    assert.ok(edgeLines.some((l) => l.includes(`${ids.get(FRONTEND)} -.->|`) && l.endsWith(ids.get(REPORTING)!)));
    assert.equal(lines.filter((l) => l.trim().startsWith('linkStyle')).length, graph.edges.length);
    assert.equal(lines.filter((l) => l.trim().startsWith('subgraph')).length, lines.filter((l) => l.trim() === 'end').length);
  });

  it('Mermaid: quotes in names cannot end a label', () => {
    const quoted = { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, label: 'say "hi"' } : n)) };
    assert.match(toMermaid(quoted), /n0\{\{"say #quot;hi#quot;/);
  });

  it('SVG: well-formed, laid out without a browser, one group per node and edge with the state as class', () => {
    const svg = toSvg(graph);
    assert.equal(XMLValidator.validate(svg), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as {
      svg: { g: { class: string; 'data-id': string; rect?: { x: string } }[] };
    };
    const groups = doc.svg.g;
    const nodes = groups.filter((g) => g.class.startsWith('node '));
    const edges = groups.filter((g) => g.class.startsWith('edge '));
    assert.equal(nodes.length, graph.nodes.length);
    assert.equal(edges.length, graph.edges.length);
    for (const e of graph.edges)
      assert.ok(
        edges.some((g) => g['data-id'] === e.id && g.class.split(' ').includes(e.state)),
        e.id,
      );
    // Layered: every node has its own place.
    const places = new Set(nodes.map((g) => JSON.stringify(g.rect)));
    assert.equal(places.size, nodes.length);
    assert.ok(svg.includes('Legend'));
  });

  it('SVG escapes names that carry markup', () => {
    const hostile = { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, label: '<script>alert(1)</script>&' } : n)) };
    const svg = toSvg(hostile);
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;'));
  });

  it('is deterministic', () => {
    const again = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });
    assert.equal(toSvg(again), toSvg(graph));
    assert.equal(toDot(again), toDot(graph));
    assert.deepEqual(JSON.parse(JSON.stringify(again)), JSON.parse(JSON.stringify(graph)));
  });
});
