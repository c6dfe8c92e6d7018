// Extension entry (dist/extension.js): registers commands and the graph serializer, then loads the engine bundle off the activation path.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionEngine } from './engine';

/** Stamped by the bundle's banner and footer (scripts/build.mjs). */
const loadStamps = globalThis as { __ztnLoadStart?: number; __ztnLoadEnd?: number };

/** What VS Code counts as activation: loading our code plus running activate(). */
export interface ActivationTiming {
  /** Time spent in activate(). */
  activationMs: number;
  /** Time to load (evaluate) this bundle. */
  loadMs: number;
  /** Time between the bundle being loaded and VS Code calling activate() (the host's own scheduling; not ours). */
  hostDelayMs: number;
}

type EngineModule = typeof import('./engine');

export function activate(context: vscode.ExtensionContext): ActivationTiming {
  const started = Date.now();
  const { __ztnLoadStart: loadStart, __ztnLoadEnd: loadEnd } = loadStamps;
  const timing: ActivationTiming = { activationMs: 0, loadMs: loadStart && loadEnd ? loadEnd - loadStart : 0, hostDelayMs: loadEnd ? started - loadEnd : 0 };
  let engine: ExtensionEngine | undefined;
  // The engine (rules, YAML parser, policy engine: most of the code) is a second bundle; requiring it by a
  // computed path keeps esbuild from inlining it here.
  const loadEngine = (): ExtensionEngine => {
    if (!engine) {
      const module = require(join(__dirname, 'extension-engine.js')) as EngineModule;
      engine = module.startEngine(context, timing);
    }
    return engine;
  };

  const commands = (context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [];
  for (const { command } of commands) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) => {
        const handler = loadEngine().commands.get(command);
        if (!handler) throw new Error(`Zero Trust: command ${command} is not available`);
        return (handler as (...a: unknown[]) => unknown)(...args);
      }),
    );
  }
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('ztn.trustGraph', {
      deserializeWebviewPanel: (panel, state) => loadEngine().restoreGraph(panel, state as never),
    }),
  );

  setImmediate(() => {
    try {
      loadEngine();
    } catch (err) {
      void vscode.window.showErrorMessage(`Zero Trust: the engine failed to load: ${(err as Error).message}`);
    }
  });

  timing.activationMs = Date.now() - started;
  return timing;
}

export function deactivate(): void {
  // Everything is in context.subscriptions; sandboxes keep running until Sandbox: Down, like the CLI.
}
