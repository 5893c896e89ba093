import assert from 'node:assert/strict';
import sinon from 'sinon';
import { startScheduler, type ScheduledJobs } from '../../bot/scheduler.js';
import { memoryLogger } from '../helpers/memory-logger.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the scheduler: the app’s recurring jobs, by name', () => {
  let clock: sinon.SinonFakeTimers;
  let runs: string[];
  let jobs: ScheduledJobs;

  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: new Date('2026-03-02T22:30:00Z'),
      toFake: ['setInterval', 'clearInterval', 'Date'],
    });
    runs = [];
    const job = (name: string) => () => {
      runs.push(name);
      return Promise.resolve();
    };
    jobs = {
      hourlyReminders: job('reminders'),
      hourlyAnswerTimeBlur: job('blur'),
      dailyRetention: job('retention'),
      waitingCardsRetry: job('waiting'),
    };
  });
  afterEach(() => clock.restore());

  it('runs nothing at start; waiting cards every five minutes; reminders and the blur every hour', async () => {
    const { log } = memoryLogger();
    const scheduler = startScheduler(jobs, { now: () => new Date(), log });
    assert.deepEqual(runs, []);
    await clock.tickAsync(5 * MINUTE);
    assert.deepEqual(runs, ['waiting']);
    await clock.tickAsync(55 * MINUTE);
    assert.equal(runs.filter((r) => r === 'waiting').length, 12);
    assert.equal(runs.filter((r) => r === 'reminders').length, 1);
    assert.equal(runs.filter((r) => r === 'blur').length, 1);
    scheduler.stop();
  });

  it('runs the retention job once per UTC day, on the first hourly tick of the day', async () => {
    const { log } = memoryLogger();
    const scheduler = startScheduler(jobs, { now: () => new Date(), log });
    await clock.tickAsync(HOUR); // 23:30, 2 March: the first tick of that day
    await clock.tickAsync(HOUR); // 00:30, 3 March: a new day
    await clock.tickAsync(5 * HOUR); // the rest of 3 March's morning
    assert.equal(runs.filter((r) => r === 'retention').length, 2);
    scheduler.stop();
  });

  it('a failing job is logged and runs again on its next tick', async () => {
    const { log, lines } = memoryLogger();
    let attempts = 0;
    jobs.hourlyReminders = () => {
      attempts += 1;
      return Promise.reject(new Error('storage unreachable'));
    };
    const scheduler = startScheduler(jobs, { now: () => new Date(), log });
    await clock.tickAsync(2 * HOUR);
    assert.equal(attempts, 2);
    assert.equal(lines.filter((l) => l.msg === 'planning reminders failed').length, 2);
    assert.equal(runs.filter((r) => r === 'blur').length, 2, 'the other hourly job still ran');
    scheduler.stop();
  });

  it('after stop() nothing runs any more', async () => {
    const { log } = memoryLogger();
    startScheduler(jobs, { now: () => new Date(), log }).stop();
    await clock.tickAsync(3 * HOUR);
    assert.deepEqual(runs, []);
  });
});
