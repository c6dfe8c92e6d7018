// `npm run test:e2e`: installs code-server (cached), packages the .vsix, serves the fixture workspace and runs the UI specs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { CACHE, ROOT, startCodeServer, type RunningCodeServer } from './codeServer';

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

async function main(): Promise<void> {
  const started = Date.now();
  step('code-server setup (cached after the first run)', 'bash', [join(ROOT, 'scripts/e2e-setup.sh')]);
  if (!process.argv.includes('--no-package')) step('npm run package', 'npm', ['run', 'package', '--silent']);
  const vsix = packagedVsix();
  let server: RunningCodeServer | undefined;
  let restricted: RunningCodeServer | undefined;
  let failures = 1;
  try {
    server = await startCodeServer(vsix, join(__dirname, 'fixture'), join(CACHE, 'run'));
    restricted = await startCodeServer(vsix, join(__dirname, 'fixture'), join(CACHE, 'run-restricted'), { trusted: false });
    process.env.ZTN_E2E_RESTRICTED_URL = restricted.url;
    console.log(`[e2e] code-server at ${server.url} (log ${server.logFile})`);
    process.env.ZTN_E2E_URL = server.url;
    process.env.ZTN_E2E_WORKSPACE = server.workspace;
    process.env.ZTN_E2E_USER_DATA = server.userDataDir;
    process.env.ZTN_E2E_RESULTS = join(ROOT, 'test-results', 'e2e');
    rmSync(process.env.ZTN_E2E_RESULTS, { recursive: true, force: true });
    const mocha = new Mocha({ timeout: 120_000, reporter: 'spec', bail: true });
    const grep = process.argv.find((a) => a.startsWith('--grep='));
    if (grep) mocha.grep(grep.slice('--grep='.length));
    for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.e2e.ts')).sort()) mocha.addFile(join(__dirname, f));
    await mocha.loadFilesAsync();
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
  } finally {
    await server?.stop();
    await restricted?.stop();
  }
  console.log(`[e2e] ${failures === 0 ? 'passed' : `${failures} failure(s)`} in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in test-results/e2e/`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(`[e2e] ${(err as Error).message}`);
  process.exit(2);
});
