// Starts Debian's headless chromium through playwright-core with a throwaway profile (used by browser tests and the bench).
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.ZTN_CHROMIUM ?? '/usr/bin/chromium';

export interface HeadlessChromium {
  /** A persistent context on the fresh profile folder (playwright's way to pass --user-data-dir). */
  context: BrowserContext;
  close(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time, in seconds, used so far by every process running the chromium binary (Linux /proc; 0 elsewhere). */
function chromiumCpuSeconds(): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (!/chrom/.test(readlinkSync(`/proc/${pid}/exe`))) continue;
      // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * Waits until Chromium's own start-up work is over: its processes together use under 5 % of a core over half a
 * second (at most `maxMs`). A freshly launched Chromium 156 loads WebUI pages of its own for a second or two (the
 * omnibox popup, chrome://omnibox-popup.top-chrome, in a renderer of its own); a page timed during that shares the
 * two cores of this machine with them, which a webview opened in a running editor does not.
 */
export async function chromiumSettled(maxMs = 15_000): Promise<number> {
  const started = Date.now();
  let last = chromiumCpuSeconds();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = chromiumCpuSeconds();
    if (now - last < 0.025 || Date.now() - started > maxMs) return Date.now() - started;
    last = now;
  }
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'ztn-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
