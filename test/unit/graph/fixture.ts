// Loads the graph fixtures (shop.yaml, traffic.yaml) into a workspace index, as the CLI would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrafficFile } from '../../../src/policy';
import type { TrafficReplay } from '../../../src/policy/types';
import { defaultConfig } from '../../../src/config/load';
import { WorkspaceIndex } from '../../../src/model/workspace';

export const FIXTURES = join(__dirname, 'fixtures');

export function shopIndex(extra: Record<string, string> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex(defaultConfig(FIXTURES));
  index.setFile(join(FIXTURES, 'shop.yaml'), readFileSync(join(FIXTURES, 'shop.yaml'), 'utf8'));
  for (const [name, text] of Object.entries(extra)) index.setFile(join(FIXTURES, name), text);
  return index;
}

export function shopTraffic(): TrafficReplay {
  return parseTrafficFile('traffic.yaml', readFileSync(join(FIXTURES, 'traffic.yaml'), 'utf8'));
}

export const FRONTEND = 'cluster1/shop/frontend';
export const CART = 'cluster1/shop/cart';
export const CATALOG = 'cluster1/shop/catalog';
export const REPORTING = 'cluster1/legacy/reporting';
export const GATEWAY = 'cluster1/istio-system/istio-ingressgateway';
export const PARTNER = 'external:cluster1/shop/partner';
