// Import first in a test: `vscode` imports in src/extension then load vscodeFake.ts (the real module lives only inside VS Code).
import Module from 'node:module';

type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename & { vscodeFake?: true } };

if (!loader._resolveFilename.vscodeFake) {
  const fakePath = require.resolve('./vscodeFake');
  const original = loader._resolveFilename;
  const resolve: ResolveFilename & { vscodeFake?: true } = function (this: unknown, request, ...rest) {
    return request === 'vscode' ? fakePath : original.call(this, request, ...rest);
  };
  resolve.vscodeFake = true;
  loader._resolveFilename = resolve;
}
