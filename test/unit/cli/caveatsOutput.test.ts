// Caveats reach every place a prediction is shown: simulate text, verify text and HTML, results files and the graph's calls.
import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../../src/config/load';
import { simulationText } from '../../../src/cli/commands/simulate';
import { buildTrustGraph } from '../../../src/graph/build';
import { parseResultsFile } from '../../../src/graph/results';
import { WorkspaceIndex } from '../../../src/model/workspace';
import type { CallResult, SimulationResult } from '../../../src/policy/types';
import { verifyToHtml } from '../../../src/report/verifyHtml';
import { verifyResults } from '../../../src/report/verifyModel';
import { verifyToText } from '../../../src/report/verifyText';
import { app, namespace } from '../../helpers/meshFixture';

const caveat = {
  kind: 'not-modelled' as const,
  policy: 'DestinationRule shop/cart',
  file: 'mesh.yaml',
  line: 9,
  detail: 'DestinationRule shop/cart sets spec.trafficPolicy.connectionPool, which the engine does not model',
};
const call: CallResult = {
  name: 'frontend-to-cart',
  from: 'cluster1/shop/frontend',
  to: 'cluster1/shop/cart',
  port: 8080,
  mtls: true,
  allowed: true,
  verdict: 'allowed',
  explanation: [],
  caveats: [caveat],
  observed: { outcome: 'ok', verdict: 'allowed', mtls: true, allowed: true, hops: [] } as CallResult['observed'],
  agrees: true,
};
const result: SimulationResult = { calls: [call], summary: { total: 1, allowed: 1, denied: 0, mtls: 1, expectationsFailed: 0 } };

describe('caveats in every output', () => {
  it('simulate text prints each caveat with its file and line, and counts the calls resting on one', () => {
    const text = simulationText(result);
    assert.match(text, /^ {2}caveat: DestinationRule shop\/cart sets spec\.trafficPolicy\.connectionPool, which the engine does not model \(mesh\.yaml:9\)$/m);
    assert.match(text, /1 resting on caveats\n$/);
  });

  it('verify text and HTML show them, also for a call that passed', () => {
    const verification = verifyResults(result);
    assert.match(verifyToText(verification), /PASS frontend-to-cart[\s\S]*caveat: DestinationRule shop\/cart sets .*\(mesh\.yaml:9\)/);
    assert.match(verifyToHtml(verification, { title: 't', subtitle: 's' }), /caveats: what the prediction assumed[\s\S]*connectionPool[\s\S]*mesh\.yaml:9/);
  });

  it('a results file keeps them, and so do the graph edges built from it', () => {
    const parsed = parseResultsFile('results.json', JSON.stringify(result));
    assert.deepEqual(parsed.calls[0].caveats, [caveat]);
    const index = new WorkspaceIndex(defaultConfig('/virtual'));
    index.setFile('/virtual/mesh.yaml', namespace('shop') + app('shop', 'frontend') + app('shop', 'cart', { ports: [8080] }));
    const graph = buildTrustGraph(index, { results: parsed });
    const edge = graph.edges.find((e) => e.source.endsWith('frontend') && e.target.endsWith('cart'));
    assert.ok(edge, JSON.stringify(graph.edges.map((e) => e.id)));
    assert.deepEqual(edge.calls[0].caveats, [caveat]);
  });
});
