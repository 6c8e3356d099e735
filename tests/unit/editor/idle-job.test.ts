/**
 * IdleJob: one run per idle period; with `pauseMs`, requests put the run off until they stop
 * for that long, and a run already waiting for an idle period waits for the new pause too.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleJob } from '../../../src/lib/editor/idle';

beforeEach(() => {
	vi.useFakeTimers();
	// Node has no requestIdleCallback: here an idle period comes 20 ms later.
	vi.stubGlobal('requestIdleCallback', (cb: () => void) => setTimeout(cb, 20) as unknown as number);
	vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id as unknown as ReturnType<typeof setTimeout>));
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('IdleJob', () => {
	it('runs once per idle period however often it is asked', () => {
		const job = vi.fn();
		const idle = new IdleJob(job);
		idle.request();
		idle.request();
		vi.advanceTimersByTime(25);
		expect(job).toHaveBeenCalledTimes(1);
		idle.request();
		vi.advanceTimersByTime(25);
		expect(job).toHaveBeenCalledTimes(2);
	});

	it('with a pause, waits until requests stop for that long, also when a run was already waiting for idle time', () => {
		const job = vi.fn();
		const idle = new IdleJob(job, { pauseMs: 100 });
		for (let i = 0; i < 10; i++) {
			idle.request();
			vi.advanceTimersByTime(60);
		}
		expect(job).not.toHaveBeenCalled();
		vi.advanceTimersByTime(45); // the pause has ended (100 ms after the last request): the run waits for an idle period
		idle.request(); // a key comes before it
		vi.advanceTimersByTime(50);
		expect(job).not.toHaveBeenCalled();
		vi.advanceTimersByTime(80); // this pause and the idle wait after it
		expect(job).toHaveBeenCalledTimes(1);
	});

	it('cancel drops a pending run and the job can be asked again', () => {
		const job = vi.fn();
		const idle = new IdleJob(job, { pauseMs: 10 });
		idle.request();
		idle.cancel();
		vi.advanceTimersByTime(100);
		expect(job).not.toHaveBeenCalled();
		idle.request();
		vi.advanceTimersByTime(100);
		expect(job).toHaveBeenCalledTimes(1);
	});
});
