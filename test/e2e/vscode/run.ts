// `npm run test:vscode`: the @vscode/test-electron suite, for machines that can download VS Code. Says plainly when it is skipped.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');
const VSCODE_VERSION = process.env.ZTN_VSCODE_VERSION ?? '1.100.3';

function skip(reason: string): never {
  console.log(`test:vscode SKIPPED: ${reason}`);
  console.log('The same checks run against a real VS Code served by code-server with `npm run test:e2e`.');
  process.exit(0);
}

async function main(): Promise<void> {
  let executable: string;
  try {
    executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: 20_000 });
  } catch (err) {
    skip(`VS Code ${VSCODE_VERSION} cannot be downloaded on this machine (${(err as Error).message.split('\n')[0]}).`);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    skip('no display for the VS Code window; run it as `xvfb-run -a npm run test:vscode`.');
  }
  // The suite runs inside VS Code's extension host, so it is bundled to one CommonJS file next to node_modules.
  const suite = join(ROOT, 'out', 'vscode-suite', 'index.js');
  await build({
    entryPoints: [join(__dirname, 'suite.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'ztn-vscode-'));
  cpSync(join(__dirname, '..', 'fixture'), workspace, { recursive: true });
  try {
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    process.exit(code);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`test:vscode failed: ${(err as Error).message}`);
  process.exit(1);
});
