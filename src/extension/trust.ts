// Workspace trust gate: in Restricted Mode only linting runs; sandboxes, the graph and external tools refuse with a clear message.
import * as vscode from 'vscode';

export function requireTrust(feature: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `Zero Trust: ${feature} needs a trusted workspace (it runs processes and tools from the workspace). Only linting runs in Restricted Mode.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
