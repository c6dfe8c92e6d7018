// A small stand-in for the `vscode` module: the parts the linter and the policy providers use, driven by the test.
// Loaded in place of `vscode` by useVscodeFake.ts; `fake` is the handle tests use to fire events and read results.
import { pathToFileURL, fileURLToPath } from 'node:url';

type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    return value.startsWith('file:') ? new Uri('file', fileURLToPath(value)) : new Uri(value.split(':')[0], value);
  }
  toString(): string {
    return this.scheme === 'file' ? pathToFileURL(this.fsPath).href : this.fsPath;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: unknown;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity,
  ) {}
}

export interface CodeLensCommand {
  title: string;
  command: string;
  tooltip?: string;
  arguments?: unknown[];
}

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: CodeLensCommand,
  ) {}
}

/** A text document as the adapters read it: a file URI, its language and its text. */
export class FakeDocument {
  readonly uri: Uri;
  isDirty = false;
  constructor(
    path: string,
    private text: string,
    readonly languageId = 'yaml',
  ) {
    this.uri = Uri.file(path);
  }
  getText(): string {
    return this.text;
  }
  setText(text: string): void {
    this.text = text;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  }
}

/** What a DiagnosticCollection holds, by file path. */
export class FakeDiagnostics {
  readonly byFile = new Map<string, Diagnostic[]>();
  set(uri: Uri, list: Diagnostic[]): void {
    this.byFile.set(uri.fsPath, list);
  }
  delete(uri: Uri): void {
    this.byFile.delete(uri.fsPath);
  }
  dispose(): void {
    this.byFile.clear();
  }
}

const emitters = {
  changeText: new EventEmitter<{ document: FakeDocument }>(),
  openText: new EventEmitter<FakeDocument>(),
  closeText: new EventEmitter<FakeDocument>(),
  folders: new EventEmitter<void>(),
  configuration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  grantTrust: new EventEmitter<void>(),
  visibleEditors: new EventEmitter<{ document: FakeDocument }[]>(),
};

/** The test's handle: state the fake answers from, and events to fire. */
export const fake = {
  trusted: true,
  folders: [] as string[],
  /** ztn.* settings the adapters read. */
  settings: { 'lint.debounceMs': 10 } as Record<string, unknown>,
  /** editor.* settings (codeLens). */
  editor: {} as Record<string, unknown>,
  documents: [] as FakeDocument[],
  visible: [] as FakeDocument[],
  /** What workspace.findFiles answers; a test may hold it back to order events around indexing. */
  findFiles: (): Promise<Uri[]> => Promise.resolve([]),
  emitters,
  reset(): void {
    fake.trusted = true;
    fake.folders = [];
    fake.settings = { 'lint.debounceMs': 10 };
    fake.editor = {};
    fake.documents = [];
    fake.visible = [];
    fake.findFiles = () => Promise.resolve([]);
  },
};

export const workspace = {
  get isTrusted(): boolean {
    return fake.trusted;
  },
  get workspaceFolders(): { uri: Uri }[] {
    return fake.folders.map((f) => ({ uri: Uri.file(f) }));
  },
  get textDocuments(): FakeDocument[] {
    return fake.documents;
  },
  onDidChangeTextDocument: emitters.changeText.event,
  onDidOpenTextDocument: emitters.openText.event,
  onDidCloseTextDocument: emitters.closeText.event,
  onDidChangeWorkspaceFolders: emitters.folders.event,
  onDidChangeConfiguration: emitters.configuration.event,
  onDidGrantWorkspaceTrust: emitters.grantTrust.event,
  findFiles: () => fake.findFiles(),
  createFileSystemWatcher: () => {
    const never = new EventEmitter<Uri>();
    return { onDidCreate: never.event, onDidChange: never.event, onDidDelete: never.event, dispose: () => never.dispose() };
  },
  getConfiguration: (section: string) => ({
    get: <T>(key: string, fallback?: T): T | undefined => {
      const values = section === 'ztn' ? fake.settings : section === 'editor' ? fake.editor : {};
      return key in values ? (values[key] as T) : fallback;
    },
    inspect: () => undefined,
  }),
  asRelativePath: (uri: Uri) => uri.fsPath,
};

export const window = {
  get activeTextEditor(): { document: FakeDocument } | undefined {
    return fake.visible[0] ? { document: fake.visible[0] } : undefined;
  },
  get visibleTextEditors(): { document: FakeDocument }[] {
    return fake.visible.map((document) => ({ document }));
  },
  onDidChangeVisibleTextEditors: emitters.visibleEditors.event,
};

export const extensions = {
  getExtension: () => undefined,
};
