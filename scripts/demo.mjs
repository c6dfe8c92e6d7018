// `npm run demo`: the whole product on examples/: lint, simulate, sandbox up, replay, verify (+ HTML report), sandbox down.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const traffic = join(examples, 'traffic.yaml');
const report = join(examples, 'ztn-report.html');
const cli = join(root, 'bin', 'ztn.js');
const started = Date.now();

function heading(text) {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

/** Runs `ztn ...`; returns its exit code. Output goes straight to the terminal. */
function ztn(args) {
  process.stdout.write(`$ ztn ${args.map((a) => (a.startsWith(root) ? relative(root, a) || '.' : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

// `npm ci` builds through the prepare script; build here too when someone installed with --ignore-scripts.
if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'dist', 'sandbox-supervisor.js'))) {
  heading('build');
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const failures = [];
const step = (name, args, ok = (code) => code === 0) => {
  heading(name);
  const code = ztn(args);
  if (!ok(code)) failures.push(`${name} (exit ${code})`);
  return code;
};

// The example has deliberate gaps: lint findings are the point of the demo, not a failure.
step('1. lint: the ten zero-trust pillars', ['lint', examples, '--fail-on', 'never']);
step('2. simulate: what the policy engine predicts for the traffic file', ['simulate', examples, '--traffic', traffic]);
let up;
try {
  up = step('3. sandbox up: two clusters, two networks, real certificates on loopback', ['sandbox', 'up', examples]);
  if (up === 0) {
    step('4. sandbox replay: every call on the wire', ['sandbox', 'replay', examples, '--traffic', traffic, '--concurrency', '4']);
    step('5. sandbox verify: wire vs prediction vs expectations', ['sandbox', 'verify', examples, '--html', report]);
  }
} finally {
  // Always: no process, port or key may outlive the demo.
  step('6. sandbox down', ['sandbox', 'down', examples]);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
heading(failures.length ? `demo FAILED in ${seconds} s` : `demo finished in ${seconds} s`);
if (failures.length) {
  for (const f of failures) process.stdout.write(`  failed: ${f}\n`);
  process.exit(1);
}
process.stdout.write(`HTML report: ${relative(root, report)}\n`);
