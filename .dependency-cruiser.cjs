// The layering of docs/architecture.md, checked by `npm run lint` (and so by CI): a back-edge or a cycle fails.
// Lower layers first: model <- config, fix, rules, policy <- graph, report, webview <- simulator <- cli, extension.
const layer = (name, path, mayImport) => ({
  name: `layering: ${name}`,
  comment: `${path} may import only ${mayImport.join(', ')} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^${path}` },
  to: { path: '^(src|simulator|webview)/', pathNot: [`^${path}`, ...mayImport.map((p) => `^${p}`)] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one unit that neither name says; move the shared piece lower.',
      severity: 'error',
      from: { path: '^(src|simulator|webview)/' },
      to: { circular: true },
    },
    layer('model', 'src/model/', []),
    layer('config', 'src/config/', ['src/model/']),
    layer('fix', 'src/fix/', ['src/model/']),
    layer('rules', 'src/rules/', ['src/model/', 'src/config/', 'src/fix/']),
    layer('policy', 'src/policy/', ['src/model/']),
    layer('graph', 'src/graph/', ['src/model/', 'src/config/', 'src/rules/', 'src/policy/']),
    layer('report', 'src/report/', ['src/model/', 'src/rules/', 'src/policy/', 'src/graph/']),
    layer('webview', 'webview/', ['src/model/', 'src/rules/', 'src/policy/', 'src/graph/']),
    layer('sandbox shared', 'simulator/shared/', ['src/model/', 'src/config/', 'src/policy/']),
    layer('local engine', 'simulator/local/', ['simulator/shared/', 'simulator/engine.ts', 'src/model/', 'src/config/', 'src/policy/']),
    layer('kind engine', 'simulator/kind/', ['simulator/shared/', 'simulator/engine.ts', 'src/model/', 'src/config/', 'src/policy/']),
    layer('sandbox engine interface', 'simulator/engine.ts', ['simulator/shared/', 'src/model/', 'src/policy/']),
    layer('sandbox registry', 'simulator/registry.ts', ['simulator/engine.ts', 'simulator/local/engine.ts', 'simulator/kind/', 'src/model/']),
    layer('traffic generator', 'simulator/trafficGenerator.ts', ['simulator/engine.ts', 'src/model/', 'src/policy/']),
    {
      name: 'front ends through the registry',
      comment: 'The CLI and the extension reach sandbox engines only through simulator/engine.ts and simulator/registry.ts.',
      severity: 'error',
      from: { path: '^src/(cli|extension)/' },
      to: { path: '^simulator/(local|kind)/' },
    },
    {
      name: 'nothing depends on the front ends',
      comment: 'src/cli and src/extension are the top: nothing below imports them, and neither imports the other.',
      severity: 'error',
      from: { path: '^(src|simulator|webview)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing depends on the extension',
      severity: 'error',
      from: { path: '^(src|simulator|webview)/', pathNot: '^src/extension/' },
      to: { path: '^src/extension/' },
    },
    {
      name: 'vscode only in the extension',
      comment: 'Everything else runs in the CLI, CI and unit tests, where there is no vscode module.',
      severity: 'error',
      from: { path: '^(src|simulator|webview)/', pathNot: '^src/extension/' },
      to: { path: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
