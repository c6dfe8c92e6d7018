// `npm run test:e2e`: installs code-server (cached), packages the .vsix, serves the fixture workspace and runs the UI specs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { CACHE, ROOT, extensionLogFiles, startCodeServer, type RunningCodeServer } from './codeServer';

function step(title: string, cmd: string, args: string[]): void {
  const started = Date.now();
  console.log(`[e2e] ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[e2e] ${title} failed (exit ${r.status})`);
    process.exit(2);
  }
  console.log(`[e2e] ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function packagedVsix(): string {
  const { name, version } = JSON.parse(require('node:fs').readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const file = join(ROOT, `${name}-${version}.vsix`);
  if (!existsSync(file)) throw new Error(`npm run package did not produce ${file}`);
  console.log(`[e2e] ${file}: ${(statSync(file).size / 1024).toFixed(0)} KiB`);
  return file;
}

/** Last lines of a log, so a CI failure shows what VS Code and the extension said without the machine at hand. */
function printTail(title: string, file: string, lines = 40): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  console.log(`[e2e] ${title} (${file}), last ${lines} lines:\n${text}`);
}

function printDiagnostics(server: RunningCodeServer | undefined): void {
  if (!server) return;
  printTail('code-server log', server.logFile);
  for (const log of extensionLogFiles(server.userDataDir)) printTail('Zero Trust output channel', log, 20);
}

async function main(): Promise<void> {
  const started = Date.now();
  step('code-server setup (cached after the first run)', 'bash', [join(ROOT, 'scripts/e2e-setup.sh')]);
  if (!process.argv.includes('--no-package')) step('npm run package', 'npm', ['run', 'package', '--silent']);
  const vsix = packagedVsix();
  let server: RunningCodeServer | undefined;
  let restricted: RunningCodeServer | undefined;
  let failures = 1;
  try {
    // ZTN_E2E_SUITE=restricted runs only the suites whose file name starts with it, and starts only the servers they use.
    const suite = process.env.ZTN_E2E_SUITE ?? '';
    const files = readdirSync(__dirname)
      .filter((f) => f.endsWith('.e2e.ts') && f.startsWith(suite))
      .sort();
    if (files.length === 0) throw new Error(`no e2e suite file starts with "${suite}"`);
    if (files.some((f) => f !== 'restricted.e2e.ts')) {
      server = await startCodeServer(vsix, join(__dirname, 'fixture'), join(CACHE, 'run'));
      console.log(`[e2e] code-server at ${server.url} (log ${server.logFile})`);
      process.env.ZTN_E2E_URL = server.url;
      process.env.ZTN_E2E_WORKSPACE = server.workspace;
      process.env.ZTN_E2E_USER_DATA = server.userDataDir;
    }
    if (files.includes('restricted.e2e.ts')) {
      restricted = await startCodeServer(vsix, join(__dirname, 'fixture'), join(CACHE, 'run-restricted'), { trusted: false });
      console.log(`[e2e] Restricted Mode code-server at ${restricted.url} (log ${restricted.logFile})`);
      process.env.ZTN_E2E_RESTRICTED_URL = restricted.url;
      process.env.ZTN_E2E_RESTRICTED_USER_DATA = restricted.userDataDir;
    }
    // A partial run keeps its screenshots apart, so it never wipes those of the last full run.
    process.env.ZTN_E2E_RESULTS = join(ROOT, 'test-results', suite ? `e2e-${suite}` : 'e2e');
    rmSync(process.env.ZTN_E2E_RESULTS, { recursive: true, force: true });
    const mocha = new Mocha({ timeout: 120_000, reporter: 'spec', bail: true });
    const grep = process.argv.find((a) => a.startsWith('--grep='));
    if (grep) mocha.grep(grep.slice('--grep='.length));
    for (const f of files) mocha.addFile(join(__dirname, f));
    await mocha.loadFilesAsync();
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
  } finally {
    if (failures !== 0) {
      printDiagnostics(server);
      printDiagnostics(restricted);
    }
    await server?.stop();
    await restricted?.stop();
  }
  console.log(
    `[e2e] ${failures === 0 ? 'passed' : `${failures} failure(s)`} in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in ${process.env.ZTN_E2E_RESULTS ?? 'test-results/e2e'}`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(`[e2e] ${(err as Error).message}`);
  process.exit(2);
});
