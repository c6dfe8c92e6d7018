// `ztn graph`: the trust graph as JSON, DOT, Mermaid, SVG, or the standalone interactive HTML page.
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { parseTrafficFile, TrafficFileError } from '../../policy/index';
import type { SimulationResult, TrafficReplay } from '../../policy/types';
import { MissingAssetsError, loadPageAssets } from '../../../webview/assets';
import { renderGraphPage } from '../../../webview/page';
import { buildTrustGraph } from '../../graph/build';
import { toDot } from '../../graph/dot';
import { toMermaid } from '../../graph/mermaid';
import { parseResultsFile, ResultsFileError } from '../../graph/results';
import { toSvg } from '../../graph/svg';
import type { TrustGraph } from '../../graph/types';
import { readFlagFile, writeFlagFile } from '../inputFiles';
import { EXIT_OK, UsageError, type Command, type Io } from '../usage';
import { oneOf, openWorkspace, parseCommandArgs, warnAboutUnreadFiles } from '../workspaceArgs';
import { displayText } from '../../model/displayText';

const FORMATS = ['json', 'dot', 'mermaid', 'html', 'svg'] as const;
type GraphFormat = (typeof FORMATS)[number];

function readTraffic(io: Io, path: string, maxBytes: number): TrafficReplay {
  const { file, text } = readFlagFile(io, 'traffic', path, maxBytes);
  try {
    return parseTrafficFile(relative(io.cwd, file) || file, text);
  } catch (err) {
    if (err instanceof TrafficFileError) throw new UsageError(err.message);
    throw err;
  }
}

function readResults(io: Io, path: string, maxBytes: number): SimulationResult {
  const { file, text } = readFlagFile(io, 'results', path, maxBytes);
  try {
    return parseResultsFile(relative(io.cwd, file) || file, text);
  } catch (err) {
    if (err instanceof ResultsFileError) throw new UsageError(err.message);
    throw err;
  }
}

function render(graph: TrustGraph, format: GraphFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(graph, null, 2) + '\n';
    case 'dot':
      return toDot(graph);
    case 'mermaid':
      return toMermaid(graph);
    case 'svg':
      return toSvg(graph);
    case 'html':
      try {
        return renderGraphPage({ assets: loadPageAssets(), nonce: randomBytes(18).toString('base64'), graph });
      } catch (err) {
        if (err instanceof MissingAssetsError) throw new UsageError(err.message);
        throw err;
      }
  }
}

export const graphCommand: Command = {
  name: 'graph',
  summary: 'draw the trust graph: who may call whom, with what identity, proven how',
  usage: `Usage: ztn graph [paths...] [--traffic traffic.yaml] [--results replay.json] [--edges known|allowed]
                 [--format json|dot|mermaid|html|svg] [--output FILE] [--config ztn.yaml]

Nodes are workloads (SPIFFE identity, sidecar, composed mTLS mode, findings), gateways and external
hosts, boxed by cluster and namespace. Edges are calls from the traffic file, from replay results, and
from Service hosts the manifests name (env, args, gateway routes), each with the policy engine's verdict.
  --traffic  a TrafficReplay file whose calls become edges (simulated)
  --results  JSON from \`ztn simulate --format json\` or a sandbox replay (observed, agrees)
  --edges    known (default) or allowed: also every call the policies allow
  --format   json (default), dot, mermaid, svg (laid out without a browser), html (interactive page)
  --output   write to FILE instead of standard output
  --config   ztn.yaml to use (default: nearest one above the first path)
Exit codes: 0 graph written, 2 bad usage or input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      traffic: { type: 'string' },
      results: { type: 'string' },
      edges: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      config: { type: 'string' },
    });
    const format = oneOf('format', values.format, FORMATS, 'json');
    const edges = oneOf('edges', values.edges, ['known', 'allowed'] as const, 'known');
    const index = openWorkspace(positionals, values.config, io);
    warnAboutUnreadFiles(index, io);
    const traffic = values.traffic ? readTraffic(io, values.traffic, index.config.maxFileBytes) : undefined;
    const results = values.results ? readResults(io, values.results, index.config.maxFileBytes) : undefined;
    const graph = buildTrustGraph(index, { traffic, results, allowedEdges: edges === 'allowed' });
    for (const p of graph.problems) io.err(`warning: ${displayText(p)}\n`);
    const text = render(graph, format);
    if (values.output) {
      writeFlagFile(io, 'output', values.output, text);
      io.err(`wrote ${values.output}: ${graph.nodes.length} nodes, ${graph.edges.length} edges\n`);
    } else io.out(text);
    return EXIT_OK;
  },
};
