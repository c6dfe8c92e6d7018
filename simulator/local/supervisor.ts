// The supervisor process: loads the workspace, runs the mesh, serves the control API, and cleans up on the way out.
import { writeFileSync } from 'node:fs';
import { loadConfigFile, resolveConfig } from '../../src/config/load';
import { loadWorkspace } from '../../src/model/workspace';
import { buildMesh } from '../../src/policy/index';
import { startControlServer } from './control';
import { closeServer } from './listen';
import type { ReplayFault } from '../shared/faults';
import { replayCalls } from './replay';
import { SandboxRuntime } from './runtime';
import { readJson, removeSandboxFiles, sandboxFiles, writeJsonSecret, type LaunchSpec, type SandboxState, type SupervisorMessage } from './stateFiles';

function say(message: SupervisorMessage): void {
  if (process.send && process.connected) process.send(message);
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

export async function runSupervisor(stateDir: string): Promise<void> {
  const files = sandboxFiles(stateDir);
  const spec = readJson<LaunchSpec>(files.launch);
  if (!spec) {
    say({ ready: false, error: `no launch spec in ${stateDir}` });
    process.exit(1);
  }
  let runtime: SandboxRuntime | undefined;
  let stopping = false;
  const shutdown = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log(`stopping: ${why}`);
    try {
      await runtime?.stop();
      if (control) await closeServer(control.server);
    } finally {
      removeSandboxFiles(stateDir);
      log('stopped; keys and state removed');
      process.exit(code);
    }
  };
  let control: Awaited<ReturnType<typeof startControlServer>> | undefined;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
  process.on('disconnect', () => log('detached from the starting command'));
  // One bad connection must not take the whole sandbox down; the error is logged and the rest keeps serving.
  process.on('uncaughtException', (err) => log(`error: ${err.stack ?? err.message}`));
  try {
    writeFileSync(files.lock, `${process.pid}\n`);
    const config = spec.configFile ? loadConfigFile(spec.configFile) : resolveConfig(spec.paths[0] ?? stateDir);
    const mesh = buildMesh(loadWorkspace(spec.paths, config));
    for (const problem of mesh.problems) log(`manifest problem ${problem.file}:${problem.line}: ${problem.message}`);
    const started = Date.now();
    const rt = await SandboxRuntime.start(mesh, {
      block: spec.block,
      certLifetimeMs: spec.certLifetimeMs,
      certDir: files.certs,
      upstreamTimeoutMs: spec.upstreamTimeoutMs,
    });
    runtime = rt;
    for (const notice of rt.status().notices) log(`skipped: ${notice}`);
    control = await startControlServer({
      status: () => rt.status(),
      replay: async (request) => {
        const replayed = await replayCalls(rt, request);
        for (const warning of replayed.warnings ?? []) log(`warning: replay of ${request.calls.length} call(s): ${warning}`);
        return replayed;
      },
      fault: async (fault: ReplayFault) => {
        if (fault.kind === 'kill-listener') return rt.killListener(fault.workload, fault.port);
        if (fault.kind === 'expire-certificate') return rt.expireCertificate(fault.workload);
        return false;
      },
      shutdown: () => void shutdown('down requested', 0),
    });
    const state: SandboxState = { version: 1, pid: process.pid, control: control.endpoint, startedAt: new Date().toISOString(), launch: spec };
    writeJsonSecret(files.state, state);
    log(
      `ready: ${rt.status().workloads.length} workloads, ${rt.status().gateways.length} gateways in ${Date.now() - started} ms; control on 127.0.0.1:${control.endpoint.port}`,
    );
    say({ ready: true, state });
  } catch (err) {
    const message = (err as Error).message;
    log(`failed to start: ${message}`);
    say({ ready: false, error: message });
    await shutdown('start failed', 1);
  }
}
