// Writes the standalone trust graph page for the example shop (with one sandbox-verified call) for the browser tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { buildMesh, parseTrafficFile, simulateTraffic } from '../../src/policy';
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

export interface PictureDifference {
  pixels: number;
  /** Pixels with any paint (alpha above 0) in each picture. */
  painted: [number, number];
  /** Pixels whose color or alpha differ by more than a quarter of the range in some channel. */
  farApart: number;
}

/** Compares two same-sized PNG data: URLs pixel by pixel, decoded in `page`. */
export async function comparePictures(page: Page, a: string, b: string): Promise<PictureDifference> {
  // A string, not a function: the test runner's transform would add helpers the page does not have.
  return page.evaluate(`(async () => {
    const pixels = async (url) => {
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height).data;
    };
    const p = await pixels(${JSON.stringify(a)});
    const q = await pixels(${JSON.stringify(b)});
    let farApart = 0, paintedP = 0, paintedQ = 0;
    for (let i = 0; i < p.length; i += 4) {
      let d = 0;
      for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(p[i + c] - q[i + c]));
      if (d > 64) farApart++;
      if (p[i + 3]) paintedP++;
      if (q[i + 3]) paintedQ++;
    }
    return { pixels: p.length / 4, painted: [paintedP, paintedQ], farApart };
  })()`);
}
