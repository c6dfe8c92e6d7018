// Code actions: each rule's quick-fix, "Suppress ... (with reason)", "Show rule documentation", and source.fixAll.ztn.
import * as vscode from 'vscode';
import type { Range } from '../model/types';
import type { Finding } from '../rules/types';
import { docsAction, findingsAt, fixAllAction, quickFixAction, type ActionData, type EditData, type FileTexts } from './codeActionData';
import { DIAGNOSTIC_SOURCE } from './diagnosticData';
import { suppressTitle } from './suppressEdit';
import type { WorkspaceLinter } from './workspaceLinter';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('ztn');

/** `confirm`: every edit needs confirmation, so VS Code shows its refactor preview (files and fixes) before applying. */
export function toWorkspaceEdit(edits: readonly EditData[], confirm = false): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const uri = vscode.Uri.file(e.file);
    const metadata = confirm
      ? { needsConfirmation: true, label: e.label ?? 'zero-trust fix', description: 'changes who may connect: review before applying' }
      : undefined;
    if (e.createFile) edit.createFile(uri, { ignoreIfExists: true, contents: Buffer.from(e.newText, 'utf8') }, metadata);
    else edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText, metadata);
  }
  return edit;
}

function plainRange(r: vscode.Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** Arguments of ztn.suppressFinding: enough to find the finding again after the user typed a reason. */
export interface SuppressArgs {
  file: string;
  ruleId: string;
  range: Range;
}

export class ZeroTrustCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly linter: WorkspaceLinter) {}

  private texts(file: string): FileTexts {
    const index = this.linter.scopeFor(file)?.index;
    return (f) => index?.files.get(f);
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const file = document.uri.fsPath;
    const findings = this.linter.findingsFor(file);
    if (findings.length === 0) return [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || kind.intersects(context.only);
    const actions: vscode.CodeAction[] = [];
    if (wants(FIX_ALL_KIND)) {
      const all = fixAllAction(findings, file, this.texts(file));
      // Asked for from the Source Action menu: the fixes change policy behaviour, so VS Code previews them first.
      // On save (codeActionsOnSave, an automatic trigger) the user configured it: applied as is.
      if (all) actions.push(this.toAction(all, FIX_ALL_KIND, undefined, context.triggerKind === vscode.CodeActionTriggerKind.Invoke));
    }
    if (!wants(vscode.CodeActionKind.QuickFix)) return actions;
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const atCursor = findingsAt(findings, file, plainRange(range));
    for (const finding of atCursor) {
      const diagnostic = ours.find(
        (d) => codeOf(d) === finding.ruleId && d.range.start.line === finding.range.start.line && d.range.start.character === finding.range.start.character,
      );
      const fix = quickFixAction(finding, this.texts(file));
      if (fix) actions.push(this.toAction(fix, vscode.CodeActionKind.QuickFix, diagnostic));
      actions.push(this.suppressAction(finding, diagnostic), this.docsAction(finding, diagnostic));
    }
    return actions;
  }

  private toAction(data: ActionData, kind: vscode.CodeActionKind, diagnostic?: vscode.Diagnostic, confirm = false): vscode.CodeAction {
    const action = new vscode.CodeAction(data.title, kind);
    action.edit = toWorkspaceEdit(data.edits, confirm);
    action.isPreferred = data.isPreferred;
    if (diagnostic) action.diagnostics = [diagnostic];
    return action;
  }

  private suppressAction(finding: Finding, diagnostic?: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(suppressTitle(finding), vscode.CodeActionKind.QuickFix);
    const args: SuppressArgs = { file: finding.file, ruleId: finding.ruleId, range: finding.range };
    action.command = { command: 'ztn.suppressFinding', title: action.title, arguments: [args] };
    if (diagnostic) action.diagnostics = [diagnostic];
    return action;
  }

  private docsAction(finding: Finding, diagnostic?: vscode.Diagnostic): vscode.CodeAction {
    const docs = docsAction(finding.ruleId);
    const action = new vscode.CodeAction(docs.title, vscode.CodeActionKind.QuickFix);
    action.command = { command: 'ztn.showRuleDocs', title: docs.title, arguments: [finding.ruleId] };
    if (diagnostic) action.diagnostics = [diagnostic];
    return action;
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}
