// Writes the standalone trust graph page for the example shop (with one sandbox-verified call) for the browser tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildMesh, parseTrafficFile, simulateTraffic } from '../../simulator';
import { resolveConfig } from '../../src/config/load';
import { buildTrustGraph } from '../../src/graph/build';
import type { TrustGraph } from '../../src/graph/types';
import { loadWorkspace } from '../../src/model/workspace';
import { loadPageAssets } from '../../webview/assets';
import { renderGraphPage } from '../../webview/page';

export const ROOT = join(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results', 'browser');

export function exampleGraph(): TrustGraph {
  const examples = join(ROOT, 'examples');
  const index = loadWorkspace([examples], resolveConfig(examples));
  const traffic = parseTrafficFile('traffic.yaml', readFileSync(join(examples, 'traffic.yaml'), 'utf8'));
  // A replay as a sandbox reports it: the prediction plus what the wire showed for one call.
  const replay = simulateTraffic(buildMesh(index), traffic);
  for (const call of replay.calls) {
    if (call.name === 'frontend-to-cart') Object.assign(call, { observed: { outcome: 'ok', status: 200, tlsVersion: 'TLSv1.3' }, agrees: true });
  }
  return buildTrustGraph(index, { traffic, results: { ...replay, calls: replay.calls.filter((c) => c.name === 'frontend-to-cart') } });
}

export function writePage(name: string, graph: TrustGraph): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name);
  writeFileSync(file, renderGraphPage({ assets: loadPageAssets(), nonce: randomBytes(18).toString('base64'), graph }));
  return file;
}
