// Commands are registered by the thin entry at activation and served by the engine bundle once it is loaded.
import type * as vscode from 'vscode';

// Handlers receive whatever VS Code passes (tree items, CodeLens arguments); each narrows its own.
export type CommandHandler = (...args: never[]) => unknown;

/** Same shape as vscode.commands.registerCommand, so command modules do not care who dispatches. */
export type RegisterCommand = (id: string, handler: CommandHandler) => vscode.Disposable;
