// Preflight: every tool present, the docker daemon reachable and versions supported, checked before anything is created.
import { SandboxError } from '../shared/errors';
import { CommandNotFoundError, type CommandRunner } from './commandRunner';
import { describeRange, inRange, parseVersion, SUPPORTED, type Tool } from './versions';

export interface ToolReport {
  tool: Tool;
  version?: string;
  problem?: string;
}

export interface PreflightResult {
  tools: ToolReport[];
  /** cloud-provider-kind already running on the host: it serves LoadBalancer Services, so MetalLB is not installed. */
  cloudProviderKind: boolean;
}

/** A missing or stopped prerequisite: the user's to fix, so a SandboxError (exit 2), one line per tool with how to get it. */
export class PreflightError extends SandboxError {
  constructor(readonly problems: ToolReport[]) {
    super(`the kind engine cannot start, nothing was created:\n${problems.map((p) => `  ${p.tool}: ${p.problem}`).join('\n')}`);
  }
}

/** The command that prints each tool's version; docker's asks the daemon, so it also proves the daemon is reachable. */
export const VERSION_COMMANDS: Record<Tool, string[]> = {
  docker: ['info', '--format', '{{.ServerVersion}}'],
  kind: ['version'],
  kubectl: ['version', '--client', '--output=json'],
  istioctl: ['version', '--remote=false'],
};

const PREFLIGHT_TIMEOUT_MS = 30_000;

async function checkTool(runner: CommandRunner, tool: Tool): Promise<ToolReport> {
  const range = SUPPORTED[tool];
  let out;
  try {
    out = await runner.run(tool, VERSION_COMMANDS[tool], { timeoutMs: PREFLIGHT_TIMEOUT_MS });
  } catch (err) {
    if (err instanceof CommandNotFoundError)
      return { tool, problem: `${err.command === tool ? 'not found on PATH' : `${err.command} does not exist`}; ${range.install}` };
    return { tool, problem: `'${tool} ${VERSION_COMMANDS[tool].join(' ')}' did not answer: ${(err as Error).message}` };
  }
  if (tool === 'docker' && (out.code !== 0 || out.stdout.trim() === '')) {
    const why = (out.stderr.trim().split('\n')[0] || 'no server version reported').trim();
    return { tool, problem: `the Docker daemon is not reachable (${why}); start Docker Desktop or the docker service` };
  }
  if (out.code !== 0)
    return { tool, problem: `'${tool} ${VERSION_COMMANDS[tool].join(' ')}' exited with ${out.code}: ${out.stderr.trim().split('\n')[0] ?? ''}` };
  const version = parseVersion(out.stdout);
  if (!version) return { tool, problem: `cannot read a version from '${out.stdout.trim().slice(0, 80)}'` };
  if (!inRange(version, range)) return { tool, version, problem: `version ${version} is not supported (need ${describeRange(range)}); ${range.install}` };
  return { tool, version };
}

async function cloudProviderKindRunning(runner: CommandRunner): Promise<boolean> {
  try {
    return (await runner.run('pgrep', ['-x', 'cloud-provider-kind'], { timeoutMs: PREFLIGHT_TIMEOUT_MS })).code === 0;
  } catch {
    return false; // no pgrep: fall back to MetalLB, which works everywhere
  }
}

/** Checks all tools (reporting every problem at once, not the first only); throws PreflightError when any is missing. */
export async function preflight(runner: CommandRunner): Promise<PreflightResult> {
  const tools: ToolReport[] = [];
  for (const tool of Object.keys(SUPPORTED) as Tool[]) tools.push(await checkTool(runner, tool));
  const problems = tools.filter((t) => t.problem);
  if (problems.length > 0) throw new PreflightError(problems);
  return { tools, cloudProviderKind: await cloudProviderKindRunning(runner) };
}
