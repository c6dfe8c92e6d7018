// Bundles the CLI, the extension and the webview with esbuild; writes the ztn.yaml JSON schema.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const entries = [
  { entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js' },
  // The sandbox engines, each loaded by the CLI and the extension only when a sandbox is first asked for
  // (simulator/registry.ts): the local one with the PKI, the kind one with @kubernetes/client-node.
  { entryPoints: ['simulator/local/engine.ts'], outfile: 'dist/sandbox-local.js' },
  { entryPoints: ['simulator/kind/engine.ts'], outfile: 'dist/sandbox-kind.js' },
  // The local sandbox's supervisor runs as its own detached process; lifecycle.ts spawns it from next to the CLI bundle.
  { entryPoints: ['simulator/local/supervisorMain.ts'], outfile: 'dist/sandbox-supervisor.js' },
  // The X.509 parser of the committed-certificate rules (src/rules/certificates/committedCertificates.ts loads it on the first PEM).
  { entryPoints: ['src/rules/certificates/x509Reader.ts'], outfile: 'dist/x509-reader.js' },
  // Worker thread of a big workspace load (src/model/parallelLoad.ts starts it from next to the CLI bundle).
  { entryPoints: ['src/model/parseWorker.ts'], outfile: 'dist/parse-worker.js' },
  // The extension entry; banner and footer stamp the start and end of its code loading for the activation timing.
  {
    entryPoints: ['src/extension/index.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    banner: { js: 'globalThis.__ztnLoadStart = Date.now();' },
    footer: { js: 'globalThis.__ztnLoadEnd = Date.now();' },
  },
  // The extension's engine, loaded by dist/extension.js right after activation so activation stays fast.
  { entryPoints: ['src/extension/engine.ts'], outfile: 'dist/extension-engine.js', external: ['vscode'] },
];
// Each bundle's list of input modules goes next to it (dist/<name>.inputs.json), so tests can check what a bundle
// holds whether or not it was minified (vscode:prepublish builds the same dist/ with --production).
await Promise.all(
  entries.map(async (e) => {
    const { metafile } = await build({ ...common, ...e, metafile: true });
    writeFileSync(e.outfile.replace(/\.js$/, '.inputs.json'), JSON.stringify(Object.keys(metafile.inputs).sort(), null, 1) + '\n');
  }),
);

// Trust graph page (webview/): the layout worker is built first and inlined into the page bundle as a string, so the
// page starts it from a blob: URL (webviews cannot start workers from their resource origin). The standalone page
// (`ztn graph --format html`) inlines everything, so its stylesheet carries the codicon font as a data: URL.
const browser = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  absWorkingDir: root,
};
const layoutWorker = await build({ ...browser, entryPoints: ['webview/layoutWorker.ts'], write: false });
await Promise.all([
  build({
    ...browser,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview/trustGraph.js',
    define: { ZTN_LAYOUT_WORKER_SOURCE: JSON.stringify(layoutWorker.outputFiles[0].text) },
  }),
  build({ ...browser, entryPoints: ['webview/styles.css'], outfile: 'dist/webview/trustGraph.css', loader: { '.ttf': 'file' } }),
  build({ ...browser, entryPoints: ['webview/styles.css'], outfile: 'dist/webview/trustGraph.standalone.css', loader: { '.ttf': 'dataurl' } }),
]);

// The schema is generated from the same source the loader validates with, so the two never drift.
const { ZTN_CONFIG_SCHEMA } = await import(join(root, 'src/config/schema.ts')).catch(async () => {
  const out = join(root, 'dist/schema.cjs');
  await build({ ...common, entryPoints: ['src/config/schema.ts'], outfile: out, sourcemap: false });
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)(out);
});
mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(join(root, 'schemas/ztn.schema.json'), JSON.stringify(ZTN_CONFIG_SCHEMA, null, 2) + '\n');
