// Reads the ztn.* settings into EditorSettings (the pure form the adapters and tests use).
import * as vscode from 'vscode';
import { DEFAULT_EDITOR_SETTINGS, type EditorSettings, type SeveritySetting } from './editorSettings';
import type { EngineName } from '../../simulator/engine';

export function readEditorSettings(scope?: vscode.Uri): EditorSettings {
  const c = vscode.workspace.getConfiguration('ztn', scope);
  const engineInspect = c.inspect<EngineName>('sandbox.engine');
  const engineSet = engineInspect?.workspaceFolderValue ?? engineInspect?.workspaceValue ?? engineInspect?.globalValue;
  return {
    severity: c.get<Record<string, SeveritySetting>>('rules.severity', {}),
    disabled: c.get<string[]>('rules.disabled', []),
    fips: c.get<boolean>('fips', false),
    engine: engineSet,
    kindPath: c.get<string>('kindPath', DEFAULT_EDITOR_SETTINGS.kindPath),
    istioctlPath: c.get<string>('istioctlPath', DEFAULT_EDITOR_SETTINGS.istioctlPath),
    debounceMs: c.get<number>('lint.debounceMs', DEFAULT_EDITOR_SETTINGS.debounceMs),
    codeLens: c.get<boolean>('codeLens.enabled', true),
  };
}
