// Drives the VS Code workbench served by code-server through headless Chromium: palette, editors, Problems, code actions, webviews.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.ZTN_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Bounded waits on real UI state; no step waits longer than this. */
export const UI_TIMEOUT = 30_000;

// One numbering across every workbench of the run, so screenshots sort in the order they were taken.
let shots = 0;

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly resultsDir: string,
  ) {}

  static async open(url: string, resultsDir: string): Promise<Workbench> {
    mkdirSync(resultsDir, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.statusbar').waitFor();
    // The explorer shows the fixture once the remote file system is connected.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(browser, page, resultsDir);
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.resultsDir, `${String(++shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Takes keyboard focus back from a webview, whose iframe would swallow the workbench's shortcuts. */
  private async focusWorkbench(): Promise<void> {
    await this.page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      if (active?.tagName === 'IFRAME') active.blur();
    });
    await this.page.keyboard.press('Escape');
  }

  /** Runs a command through the command palette by its full title ("Zero Trust: Lint Workspace"). */
  async runCommand(title: string): Promise<void> {
    // The palette is reopened when the row does not show: on a slow machine the first filter can run before
    // the window has registered every contributed command, and the palette does not refilter by itself.
    const attempts = 3;
    let offered: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      const input = this.quickInput.locator('input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const row = this.quickInput.locator('.monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: UI_TIMEOUT / 2 });
      } catch {
        offered = await this.quickInput
          .locator('.monaco-list-row')
          .allInnerTexts()
          .catch(() => []);
        await this.screenshot(`palette-miss-${attempt}`).catch(() => undefined);
        continue;
      }
      await row.click();
      // Done when the palette has closed, or has turned into the command's own input (a save dialog, a pick).
      await this.page
        .waitForFunction(() => {
          const widget = document.querySelector<HTMLElement>('.quick-input-widget');
          const value = widget?.querySelector('input')?.value ?? '';
          return !widget || widget.style.display === 'none' || !value.startsWith('>');
        })
        .catch(() => undefined);
      return;
    }
    throw new Error(
      `the command palette never offered "${title}" (${attempts} tries); it offered: ${JSON.stringify(offered.map((r) => r.replace(/\s+/g, ' ').trim()))}`,
    );
  }

  /** Titles the command palette offers for `text` (the palette is closed again afterwards). */
  async paletteMatches(text: string): Promise<string[]> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${text}`);
    await this.quickInput.locator('.monaco-list-row', { hasText: text }).first().waitFor();
    const rows = await this.quickInput.locator('.monaco-list-row').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return rows.map((r) => r.replace(/\s+/g, ' ').trim());
  }

  /** Opens a workspace file with Quick Open and waits until its tab is active. */
  async openFile(relativePath: string): Promise<void> {
    await this.focusWorkbench();
    // F1 reaches the workbench even from a webview (Ctrl+P does not); without the '>' prefix it is Quick Open.
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const name = relativePath.split('/').pop()!;
    await this.quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** Picks an item of an open quick pick (sandbox engine, traffic file, ...). */
  async pick(text: string): Promise<void> {
    const row = this.quickInput.locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    await row.click();
  }

  /** Answers an input box. */
  async answerInput(value: string): Promise<void> {
    const input = this.quickInput.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** Text of the visible lines of the active editor. */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
    const texts = await lines.allTextContents();
    return texts.map((t) => t.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** Waits until the active editor shows text matching `pattern` (rendering trails typing). */
  async waitForEditorText(pattern: RegExp, timeoutMs = UI_TIMEOUT): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await this.editorText();
      if (pattern.test(text)) return text;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`the editor never showed ${pattern}; it shows:\n${text}`);
  }

  /** Rows of the Problems panel (aria labels carry severity, message, source, code and position). */
  async problems(): Promise<string[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    const rows = panel.locator('.monaco-list-row');
    const labels = await rows.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${(e as HTMLElement).innerText}`.replace(/\s+/g, ' ').trim()),
    );
    return labels;
  }

  /** Waits until some Problems row matches `pattern` (or until none does, with present=false). */
  async waitForProblem(pattern: RegExp, present = true, timeoutMs = UI_TIMEOUT): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await this.problems();
      if (rows.some((r) => pattern.test(r)) === present) return rows;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`Problems panel ${present ? 'never listed' : 'still lists'} ${pattern}; rows:\n${rows.join('\n')}`);
  }

  /** Moves the cursor to the next problem in the active editor (F8 / editor.action.marker.next). */
  async goToNextProblem(): Promise<void> {
    await this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.press('F8');
    await this.page.locator('.marker-widget').first().waitFor();
  }

  /** Opens the light bulb menu (Ctrl+.) at the cursor and returns its items. */
  async openCodeActions(): Promise<Locator> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+.');
    const menu = this.page.locator('.action-widget');
    await menu.waitFor();
    return menu;
  }

  async chooseCodeAction(title: string | RegExp): Promise<void> {
    const menu = this.page.locator('.action-widget');
    await menu.locator('.monaco-list-row', { hasText: title }).first().waitFor();
    // The menu sits under a pointer-blocking layer: choose with the keyboard, as a user of Ctrl+. does.
    const count = await menu.locator('.monaco-list-row').count();
    for (let i = 0; i <= count; i++) {
      const focused = (await menu.locator('.monaco-list-row.focused').first().getAttribute('aria-label')) ?? '';
      if (typeof title === 'string' ? focused.includes(title) : title.test(focused)) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`code action ${String(title)} could not be focused`);
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page
      .locator('.tab.active.dirty')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  }

  /** Waits for a notification toast whose text matches and returns its text. */
  async waitForNotification(pattern: RegExp, timeoutMs = UI_TIMEOUT): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: pattern }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return (await toast.innerText()).replace(/\s+/g, ' ');
  }

  /** The content frame of the webview panel whose tab has `title` (webviews nest two iframes). */
  async webview(title: string): Promise<FrameLocator> {
    await this.page.locator('.tab', { hasText: title }).first().waitFor();
    const outer = this.page.frameLocator('iframe.webview.ready').last();
    return outer.frameLocator('#active-frame');
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
