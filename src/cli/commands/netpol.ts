// `ztn netpol`: the connections Kubernetes NetworkPolicies allow, one line per pair, as text or JSON.
import { buildMesh, formatNetpolText, netpolConnections } from '../../policy/index';
import { EXIT_OK, type Command } from '../usage';
import { oneOf, openWorkspace, parseCommandArgs, warnAboutUnreadFiles } from '../workspaceArgs';

export const netpolCommand: Command = {
  name: 'netpol',
  summary: 'list the connections NetworkPolicies allow between workloads and IP ranges',
  usage: `Usage: ztn netpol [paths...] [--format txt|json] [--config ztn.yaml]

Lists every connection Kubernetes NetworkPolicies allow, per cluster: workload to workload (top-level
owners, ns/name[Kind]; cluster/ns/name[Kind] when ztn.yaml has several clusters) and to/from external
IPv4 ranges (a-b[External]), ports merged into ranges. Pod IPs are unknown: an ipBlock covers pods
only as 0.0.0.0/0 without except.
  --format   txt (default): "src => dst : TCP 8080,UDP 53" or ": All Connections"; json: [{src,dst,conn}]
  --config   ztn.yaml to use (default: nearest one above the first path)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, config: { type: 'string' } });
    const format = oneOf('format', values.format, ['txt', 'json'] as const, 'txt');
    const index = openWorkspace(positionals, values.config, io);
    warnAboutUnreadFiles(index, io);
    const mesh = buildMesh(index);
    const connections = netpolConnections(mesh);
    io.out(format === 'json' ? JSON.stringify(connections, null, 2) + '\n' : formatNetpolText(connections));
    return EXIT_OK;
  },
};
