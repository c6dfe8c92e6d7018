// The trust graph of each lint scope, built by the graph engine on demand and cached until the next lint.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildTrustGraph } from '../graph/build';
import type { TrustGraph } from '../graph/types';
import { parseTrafficFile } from '../policy';
import type { SimulationResult, TrafficReplay } from '../policy/types';
import { readInputFile } from '../model/safeRead';
import type { LintScope } from './workspaceLinter';

/** Traffic file the graph and the sandbox use when the user does not pick one. */
export const DEFAULT_TRAFFIC_FILES = ['traffic.yaml', 'traffic.yml', 'ztn-traffic.yaml'];

export function defaultTrafficFile(root: string): string | undefined {
  return DEFAULT_TRAFFIC_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
}

interface Cached {
  version: number;
  graph: TrustGraph;
}

export class MeshState {
  // Keyed by the scope object, not its folder: a reload replaces scopes, and a new scope's version starts over.
  private readonly light = new WeakMap<LintScope, Cached>();
  private readonly full = new WeakMap<LintScope, Cached>();
  /** Last sandbox results per scope: the graph marks verified and disagreeing edges with them. */
  private readonly results = new Map<string, SimulationResult>();

  /** Nodes, identities, composed mTLS and policies; no edges (hovers, CodeLens, the tree view). */
  nodes(scope: LintScope): TrustGraph {
    return this.cached(this.light, scope, () => buildTrustGraph(scope.index, { findings: scope.findings }));
  }

  /** Everything the webview draws: allowed edges, the traffic file's calls and the last sandbox results. */
  graph(scope: LintScope, log: (line: string) => void): TrustGraph {
    return this.cached(this.full, scope, () => {
      const traffic = this.traffic(scope, log);
      return buildTrustGraph(scope.index, { findings: scope.findings, allowedEdges: true, traffic, results: this.results.get(scope.root) });
    });
  }

  setResults(scope: LintScope, results: SimulationResult): void {
    this.results.set(scope.root, results);
    this.full.delete(scope);
  }

  private traffic(scope: LintScope, log: (line: string) => void): TrafficReplay | undefined {
    const file = defaultTrafficFile(scope.root);
    if (!file) return undefined;
    try {
      return parseTrafficFile(file, readInputFile(file, scope.index.config.maxFileBytes));
    } catch (err) {
      // A broken traffic file must not hide the graph; it is reported and left out.
      log(`traffic file left out of the graph: ${(err as Error).message}`);
      return undefined;
    }
  }

  private cached(map: WeakMap<LintScope, Cached>, scope: LintScope, build: () => TrustGraph): TrustGraph {
    const hit = map.get(scope);
    if (hit && hit.version === scope.version) return hit.graph;
    const graph = build();
    map.set(scope, { version: scope.version, graph });
    return graph;
  }
}
