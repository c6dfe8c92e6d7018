// Shows a sandbox replay/verify report in a webview without scripts (the page pins its own stylesheet by hash).
import * as vscode from 'vscode';
import type { SimulationResult, TrafficReplay } from '../policy/types';
import type { EngineName } from '../../simulator/engine';
import { replaySummary, reportHtml } from './sandboxReport';
import type { LintScope } from './workspaceLinter';

export const REPORT_VIEW_TYPE = 'ztn.sandboxReport';

let panel: vscode.WebviewPanel | undefined;

export async function showSandboxReport(
  scope: LintScope,
  engine: EngineName,
  kind: 'replay' | 'verify',
  results: SimulationResult,
  traffic: TrafficReplay,
): Promise<void> {
  const summary = replaySummary(results);
  const title = `Sandbox ${kind === 'verify' ? 'Verify' : 'Replay'}: ${summary.ok ? 'passed' : 'failed'}`;
  if (!panel) {
    panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: false,
      enableCommandUris: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = title;
  const trafficFile = traffic.file ? vscode.workspace.asRelativePath(traffic.file) : traffic.name;
  panel.webview.html = reportHtml(kind, engine, trafficFile, summary, new Date());
  panel.reveal(vscode.ViewColumn.Active, false);
  void scope;
}
