// LensRequestWatch: a shown manifest whose CodeLens VS Code never asked for gets a change announced again, a few times.
import assert from 'node:assert/strict';
import { LENS_RETRY_DELAYS_MS, LensRequestWatch } from '../../../src/extension/lensRequests';
import { SteppedClock } from './steppedClock';

type Step = { shown: string[] } | { announce: true } | { asked: string } | { wait: number };

interface Case {
  name: string;
  steps: Step[];
  /** Times (ms) at which the watch announced a change again. */
  announcedAt: number[];
  /** The document each announcement was for, when the case cares. */
  announcedFor?: string[];
  pending: string[];
}

const A = 'file:///ws/shop/mtls.yaml';
const B = 'file:///ws/shop/authz.yaml';
const [first, second, third] = LENS_RETRY_DELAYS_MS;

const cases: Case[] = [
  {
    name: 'VS Code asks soon after the file is shown: nothing to do',
    steps: [{ shown: [A] }, { wait: 300 }, { asked: A }, { wait: 60_000 }],
    announcedAt: [],
    pending: [],
  },
  {
    name: 'the request was dropped (editor blurred): announced again after each delay, then given up',
    steps: [{ shown: [A] }, { wait: 60_000 }],
    announcedAt: [first, first + second, first + second + third],
    pending: [],
  },
  {
    name: 'the first announcement gets the request: no more',
    steps: [{ shown: [A] }, { wait: first + 300 }, { asked: A }, { wait: 60_000 }],
    announcedAt: [first],
    pending: [],
  },
  {
    name: 'a file hidden before VS Code asked is forgotten (it asks when the file shows again)',
    steps: [{ shown: [A] }, { wait: 300 }, { shown: [] }, { wait: 60_000 }],
    announcedAt: [],
    pending: [],
  },
  {
    name: 'a change announced by a lint expects every shown file again',
    steps: [{ shown: [A, B] }, { wait: 300 }, { asked: A }, { asked: B }, { wait: 5000 }, { announce: true }, { wait: 300 }, { asked: B }, { wait: first }],
    announcedAt: [5300 + first],
    announcedFor: [A],
    pending: [A],
  },
  {
    name: 'a file that stays shown is not expected again when another one opens',
    steps: [{ shown: [A] }, { wait: 300 }, { asked: A }, { shown: [A, B] }, { wait: 300 }, { asked: B }, { wait: 60_000 }],
    announcedAt: [],
    pending: [],
  },
  {
    name: 'a lint while waiting starts the delays over (its own request is on the way)',
    steps: [{ shown: [A] }, { wait: first - 100 }, { announce: true }, { wait: 200 }],
    announcedAt: [],
    pending: [A],
  },
  {
    name: 'asked for a file that was not waiting: no effect',
    steps: [{ asked: B }, { wait: 60_000 }],
    announcedAt: [],
    pending: [],
  },
];

describe('extension: CodeLens requests VS Code dropped are asked for again', () => {
  for (const c of cases) {
    it(c.name, () => {
      const clock = new SteppedClock();
      const announcedAt: number[] = [];
      const announcedFor: string[] = [];
      const watch = new LensRequestWatch((docs) => {
        announcedAt.push(clock.now);
        announcedFor.push(...docs);
      }, clock);
      for (const step of c.steps) {
        if ('shown' in step) watch.setShown(step.shown);
        else if ('announce' in step) watch.announced();
        else if ('asked' in step) watch.asked(step.asked);
        else clock.advance(step.wait);
      }
      assert.deepEqual(announcedAt, c.announcedAt);
      if (c.announcedFor) assert.deepEqual(announcedFor, c.announcedFor);
      assert.deepEqual(watch.pending(), c.pending);
    });
  }

  it('dispose cancels every timer', () => {
    const clock = new SteppedClock();
    let announced = 0;
    const watch = new LensRequestWatch(() => announced++, clock);
    watch.setShown([A, B]);
    assert.equal(clock.scheduled, 2);
    watch.dispose();
    assert.equal(clock.scheduled, 0);
    clock.advance(60_000);
    assert.equal(announced, 0);
  });

  it('the first retry waits well past VS Code’s own CodeLens debounce (250 ms)', () => {
    assert.ok(LENS_RETRY_DELAYS_MS[0] >= 4 * 250);
    assert.ok(LENS_RETRY_DELAYS_MS.every((d, i) => i === 0 || d > LENS_RETRY_DELAYS_MS[i - 1]));
  });
});
