// Starts code-server (from scripts/e2e-setup.sh's cache) with a fresh profile, the packaged .vsix and a copy of the fixture.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CACHE = process.env.ZTN_E2E_CACHE ?? join(ROOT, '.e2e-cache');
export const CODE_SERVER = join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export interface RunningCodeServer {
  url: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

/** User settings that keep the workbench quiet and deterministic: no welcome page, no trust prompt, no updates. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.simpleDialog.enable': true,
  // VS Code in a browser saves after a delay by default; the tests decide when files are saved.
  'files.autoSave': 'off',
  'editor.lightbulb.enabled': 'on',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  'ztn.lint.debounceMs': 200,
};

export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): void {
  const r = spawnSync(
    process.execPath,
    [CODE_SERVER, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0 || !readdirSync(extensionsDir).some((d) => d.startsWith('zero-trust-lens.'))) {
    throw new Error(`installing ${vsix} into code-server failed:\n${r.stdout}\n${r.stderr}`);
  }
}

/** The extension's output channel logs under a code-server user-data folder (one per window), oldest first. */
export function extensionLogFiles(userDataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'Zero Trust.log') found.push(p);
    }
  };
  walk(join(userDataDir, 'logs'));
  return found.sort();
}

/** `trusted: false` serves the workspace in Restricted Mode (workspace trust on, the folder not trusted). */
export async function startCodeServer(
  vsix: string,
  fixture: string,
  runDir: string,
  options: { trusted: boolean } = { trusted: true },
): Promise<RunningCodeServer> {
  rmSync(runDir, { recursive: true, force: true });
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  const workspace = join(runDir, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = options.trusted
    ? USER_SETTINGS
    : {
        ...USER_SETTINGS,
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
      };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // The tests edit files: they work on a copy, never on the committed fixture.
  cpSync(fixture, workspace, { recursive: true });
  installExtension(vsix, extensionsDir, userDataDir);

  const port = await freePort();
  const logFile = join(runDir, 'code-server.log');
  const { openSync } = await import('node:fs');
  const out = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.trusted ? ['--disable-workspace-trust'] : []),
      workspace,
    ],
    { stdio: ['ignore', out, out], env: { ...process.env, VSCODE_PROXY_URI: '' } },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, child, 60_000);
  return {
    url: `${url}?folder=${encodeURIComponent(workspace)}`,
    workspace,
    userDataDir,
    extensionsDir,
    logFile,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export function codeServerInstalled(): boolean {
  return existsSync(CODE_SERVER);
}
