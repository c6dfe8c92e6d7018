// The page's link to its host: the VS Code webview API when present, a standalone stand-in otherwise.
import type { ExportFormat, HostMessage, ViewState, WebviewMessage } from './protocol';
import { isHostMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface HostBridge {
  /** True inside VS Code: links open the editor and exports go to the host. */
  readonly inEditor: boolean;
  post(message: WebviewMessage): void;
  getState(): ViewState | undefined;
  setState(state: ViewState): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** Saves an export: in VS Code the host asks where; standalone, the browser downloads it. */
  saveExport(format: ExportFormat, data: string, fileName: string): void;
}

const STANDALONE_STATE_KEY = 'ztn-trust-graph-state';

function download(data: string, fileName: string, mime: string): void {
  const href = data.startsWith('data:') ? data : URL.createObjectURL(new Blob([data], { type: mime }));
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const MIME: Record<ExportFormat, string> = { svg: 'image/svg+xml', png: 'image/png', json: 'application/json' };

export function connectHost(): HostBridge {
  const listen = (listener: (message: HostMessage) => void) =>
    window.addEventListener('message', (event: MessageEvent) => {
      if (isHostMessage(event.data)) listener(event.data);
    });
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      inEditor: true,
      post: (m) => api.postMessage(m),
      getState: () => (api.getState() as ViewState | undefined) ?? undefined,
      setState: (s) => api.setState(s),
      onMessage: listen,
      saveExport: (format, data) => api.postMessage({ type: 'export', format, data }),
    };
  }
  // Standalone page: state lives in sessionStorage so a reload keeps the view; storage may be blocked (file://).
  return {
    inEditor: false,
    post: () => undefined,
    getState: () => {
      try {
        const raw = sessionStorage.getItem(STANDALONE_STATE_KEY);
        return raw ? (JSON.parse(raw) as ViewState) : undefined;
      } catch {
        return undefined;
      }
    },
    setState: (s) => {
      try {
        sessionStorage.setItem(STANDALONE_STATE_KEY, JSON.stringify(s));
      } catch {
        // No storage: the view simply starts fresh next time.
      }
    },
    onMessage: listen,
    saveExport: (format, data, fileName) => download(data, fileName, MIME[format]),
  };
}

/** JSON the standalone page carries in a <script type="application/json"> (page.ts): the graph, and a state to restore. */
export function readEmbedded<T>(id: 'ztn-graph' | 'ztn-state'): T | undefined {
  const el = document.getElementById(id);
  if (!el?.textContent) return undefined;
  try {
    return JSON.parse(el.textContent) as T;
  } catch {
    return undefined;
  }
}
