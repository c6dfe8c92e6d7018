// Extension activation cost: loading dist/extension.js and running activate() against a stand-in vscode module, in fresh processes.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './timing';

const root = join(__dirname, '..', '..');
const bundle = join(root, 'dist', 'extension.js');
const RUNS = 15;
const BUDGET_MS = 200;

// Runs in a child: every vscode API the extension touches at activation is a no-op proxy, so only our code is timed.
const CHILD = `
const Module = require('module');
const orig = Module._load;
const handler = { get: (t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => 0 : stub), apply: () => stub, construct: () => stub };
const stub = new Proxy(function () {}, handler);
const names = ['CodeActionKind','DiagnosticSeverity','window','workspace','languages','commands','Uri','EventEmitter','Range','Position','Diagnostic','Hover','MarkdownString','CodeLens','TreeItem','TreeItemCollapsibleState','ThemeIcon','ProgressLocation','ViewColumn','RelativePattern','WorkspaceEdit','env','extensions','CodeAction','Disposable'];
const vscode = Object.fromEntries(names.map((n) => [n, stub]));
Module._load = function (req, ...rest) { return req === 'vscode' ? vscode : orig.call(this, req, ...rest); };
const context = { subscriptions: [], extensionUri: stub, extensionPath: '/nonexistent', extension: { packageJSON: require(process.argv[2]) } };
const t0 = process.hrtime.bigint();
const ext = require(process.argv[1]);
const t1 = process.hrtime.bigint();
ext.activate(context);
const t2 = process.hrtime.bigint();
// What activation defers: the engine bundle, required and wired on the next turn of the event loop.
const engine = require(require('path').join(require('path').dirname(process.argv[1]), 'extension-engine.js'));
const t3 = process.hrtime.bigint();
engine.startEngine(context, { activationMs: 0, loadMs: 0, hostDelayMs: 0 });
const t4 = process.hrtime.bigint();
console.log(JSON.stringify({ loadMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6, engineLoadMs: Number(t3 - t2) / 1e6, engineStartMs: Number(t4 - t3) / 1e6 }));
process.exit(0);
`;

interface Sample {
  loadMs: number;
  activateMs: number;
  engineLoadMs: number;
  engineStartMs: number;
}

function runOnce(): Sample {
  const r = spawnSync(process.execPath, ['-e', CHILD, bundle, join(root, 'package.json')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`activation child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

if (!existsSync(bundle)) {
  console.error('dist/extension.js missing: run `npm run build` first');
  process.exit(1);
}
const samples = Array.from({ length: RUNS }, runOnce);
const load = median(samples.map((s) => s.loadMs));
const activate = median(samples.map((s) => s.activateMs));
const engineLoad = median(samples.map((s) => s.engineLoadMs));
const engineStart = median(samples.map((s) => s.engineStartMs));
const engineBundle = join(root, 'dist', 'extension-engine.js');
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model}, node ${process.version}`);
console.log(`bundles: entry ${(statSync(bundle).size / 1024).toFixed(1)} KiB, engine ${(statSync(engineBundle).size / 1024).toFixed(0)} KiB`);
console.log(`median of ${RUNS} fresh processes:`);
console.log(
  `  activation (VS Code waits for this): entry load ${load.toFixed(1)} ms + activate() ${activate.toFixed(1)} ms = ${(load + activate).toFixed(1)} ms`,
);
console.log(
  `  after activation (background): engine load ${engineLoad.toFixed(1)} ms + wiring ${engineStart.toFixed(1)} ms = ${(engineLoad + engineStart).toFixed(1)} ms`,
);
console.log(
  `activation / ${BUDGET_MS} ms budget = ${((load + activate) / BUDGET_MS).toFixed(3)}; engine load / activation = ${((engineLoad + engineStart) / (load + activate)).toFixed(1)}x`,
);
process.exit(load + activate < BUDGET_MS ? 0 : 1);
