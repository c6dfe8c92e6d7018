// Commands around linting: Lint Workspace, Suppress (asks for a reason), Show Rule Documentation, Open Rule Catalogue, Export SARIF.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { manifestFiles } from '../model/manifestFiles';
import { lintToSarif } from '../report/sarif';
import { ruleDocsUrl } from '../rules/registry';
import type { SuppressArgs } from './codeActions';
import type { RegisterCommand } from './commandTable';
import { toWorkspaceEdit } from './codeActions';
import { findingsAt, toEditData } from './codeActionData';
import type { EngineLog } from './log';
import { CATALOGUE_SCHEME, CATALOGUE_PATH, ruleCatalogueMarkdown } from './ruleCatalogue';
import { suppressionEdits } from './suppressEdit';
import type { WorkspaceLinter } from './workspaceLinter';

export function registerLintCommands(context: vscode.ExtensionContext, registerCommand: RegisterCommand, linter: WorkspaceLinter, log: EngineLog): void {
  const run = (id: string, what: string, fn: (...args: never[]) => unknown) =>
    registerCommand(id, async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        await log.fail(what, err);
        return undefined;
      }
    });

  const bundledDocs = (ruleId: string) => vscode.Uri.file(join(context.extensionPath, 'docs', 'rules', `${ruleId}.md`)).toString();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CATALOGUE_SCHEME, { provideTextDocumentContent: () => ruleCatalogueMarkdown(undefined, bundledDocs) }),
    run('ztn.lintWorkspace', 'Lint Workspace failed', async () => {
      const count = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Zero Trust: linting' }, () => linter.lintAll());
      const files = linter.allScopes().reduce((n, s) => n + manifestFiles(s.index.files.values()).length, 0);
      void vscode.window.showInformationMessage(`Zero Trust: ${count} finding(s) in ${files} manifest file(s).`);
      return count;
    }),

    run('ztn.suppressFinding', 'suppressing the finding failed', async (args: SuppressArgs) => {
      const scope = linter.scopeFor(args.file);
      const finding = scope && findingsAt(scope.findings, args.file, args.range).find((f) => f.ruleId === args.ruleId);
      const file = scope?.index.files.get(args.file);
      if (!scope || !finding || !file) throw new Error(`${args.ruleId} is no longer reported here; lint again`);
      const reason = await vscode.window.showInputBox({
        title: `Suppress ${args.ruleId}`,
        prompt: 'Why is this finding acceptable here? The reason is written next to the suppression for reviewers.',
        placeHolder: 'e.g. legacy client without a sidecar until Q3',
        validateInput: (v) => (v.trim() ? undefined : 'A reason is required'),
      });
      if (reason === undefined) return;
      const edits = suppressionEdits(finding, file, reason);
      if (edits.length === 0) throw new Error(`${args.ruleId} cannot be suppressed in this file`);
      await vscode.workspace.applyEdit(toWorkspaceEdit(toEditData(edits, (f) => scope.index.files.get(f))));
    }),

    run('ztn.showRuleDocs', 'opening the rule documentation failed', async (ruleId: string) => {
      // The packaged docs page works offline; the web page is the fallback.
      const local = join(context.extensionPath, 'docs', 'rules', `${ruleId}.md`);
      if (existsSync(local)) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
      else await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
    }),

    run('ztn.openRuleCatalogue', 'opening the rule catalogue failed', async () => {
      // A virtual document: read-only, no "save?" on close; each rule links to its page shipped in the .vsix.
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: CATALOGUE_SCHEME, path: CATALOGUE_PATH }));
    }),

    run('ztn.exportSarif', 'Export SARIF failed', async () => {
      await linter.start();
      const scope = linter.currentScope();
      if (!scope) throw new Error('open a folder with manifests first');
      const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(join(scope.root, 'ztn.sarif')),
        filters: { SARIF: ['sarif', 'json'] },
        title: 'Export zero-trust findings as SARIF 2.1.0',
      });
      if (!target) return;
      const sarif = lintToSarif({ findings: scope.findings, suppressed: [], filesChecked: scope.index.files.size }, scope.root);
      writeFileSync(target.fsPath, JSON.stringify(sarif, null, 2) + '\n');
      log.info(`exported ${scope.findings.length} finding(s) as SARIF to ${target.fsPath}`);
      void vscode.window.showInformationMessage(`Zero Trust: exported ${scope.findings.length} finding(s) to ${vscode.workspace.asRelativePath(target)}.`);
    }),

    run('ztn.showLog', 'showing the log failed', () => log.show()),

    run('ztn.openLocation', 'opening the manifest failed', async (file: string, line: number) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const pos = new vscode.Position(Math.max(0, line - 1), 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: false });
    }),
  );
}
