// The "Zero Trust" views: mesh (clusters > namespaces > workloads), findings by pillar, running sandboxes with start/stop.
import { relative } from 'node:path';
import * as vscode from 'vscode';
import type { EngineName, SandboxStatus } from '../../simulator/engine';
import type { MeshState } from './meshState';
import { findingsByPillar, meshTree, sandboxTree, type TreeItemData } from './viewData';
import type { WorkspaceLinter } from './workspaceLinter';

function toTreeItem(d: TreeItemData): vscode.TreeItem {
  const item = new vscode.TreeItem(d.label, d.children?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = d.id;
  item.description = d.description;
  item.tooltip = d.tooltip;
  item.contextValue = d.contextValue;
  if (d.icon) item.iconPath = new vscode.ThemeIcon(d.icon);
  if (d.open) item.command = { command: 'ztn.openLocation', title: 'Open', arguments: [d.open.file, d.open.line] };
  return item;
}

/** A tree over TreeItemData that rebuilds its roots on every lint. */
class DataTree implements vscode.TreeDataProvider<TreeItemData> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly roots: () => TreeItemData[]) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(d: TreeItemData): vscode.TreeItem {
    return toTreeItem(d);
  }

  getChildren(d?: TreeItemData): TreeItemData[] {
    if (d) return d.children ?? [];
    try {
      return this.roots();
    } catch {
      return [];
    }
  }
}

export interface SandboxView {
  refresh(): void;
}

export function registerViews(
  context: vscode.ExtensionContext,
  linter: WorkspaceLinter,
  mesh: MeshState,
  sandboxStatuses: () => Map<EngineName, SandboxStatus | undefined>,
): SandboxView {
  const meshTreeData = new DataTree(() => linter.allScopes().flatMap((s) => meshTree(mesh.nodes(s))));
  const findingsTree = new DataTree(() => linter.allScopes().flatMap((s) => findingsByPillar(s.findings, (f) => relative(s.root, f))));
  const sandboxes = new DataTree(() => sandboxTree(sandboxStatuses(), vscode.workspace.isTrusted));
  context.subscriptions.push(
    vscode.window.createTreeView('ztn.mesh', { treeDataProvider: meshTreeData, showCollapseAll: true }),
    vscode.window.createTreeView('ztn.findings', { treeDataProvider: findingsTree, showCollapseAll: true }),
    vscode.window.createTreeView('ztn.sandboxes', { treeDataProvider: sandboxes }),
    // Trust granted later: the engines and their start buttons appear without a reload.
    vscode.workspace.onDidGrantWorkspaceTrust(() => sandboxes.refresh()),
    linter.onDidLint(() => {
      meshTreeData.refresh();
      findingsTree.refresh();
    }),
  );
  return sandboxes;
}
