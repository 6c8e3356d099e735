import { describe, expect, it } from 'vitest';
import { AppUpdate } from '../../../src/lib/pwa/update.svelte';

/** A stand-in for the waiting ServiceWorker that records what the page posts to it. */
function fakeWorker(log: string[]): ServiceWorker {
	return { postMessage: (msg: unknown) => log.push(`post ${JSON.stringify(msg)}`) } as unknown as ServiceWorker;
}

describe('AppUpdate', () => {
	it('offers the prompt whenever a version waits, mid-edit too (the draft is flushed before the reload)', () => {
		const update = new AppUpdate();
		expect(update.prompt).toBe(false);
		update.editing = true;
		expect(update.prompt).toBe(false);
		update.waiting = fakeWorker([]);
		expect(update.prompt).toBe(true);
		update.editing = false;
		expect(update.prompt).toBe(true);
	});

	it('runs before-reload tasks in order, then asks the worker to skip waiting, once', async () => {
		const log: string[] = [];
		const update = new AppUpdate();
		update.waiting = fakeWorker(log);
		update.onBeforeReload(async () => {
			await Promise.resolve();
			log.push('save draft');
		});
		const remove = update.onBeforeReload(() => void log.push('removed task'));
		update.onBeforeReload(() => void log.push('flush'));
		remove();

		await Promise.all([update.accept(), update.accept()]);
		expect(log).toEqual(['save draft', 'flush', 'post {"type":"SKIP_WAITING"}']);
		expect(update.accepted).toBe(true);
		expect(update.prompt).toBe(false);
	});

	it('does nothing on accept when no version waits', async () => {
		const update = new AppUpdate();
		await update.accept();
		expect(update.accepted).toBe(false);
	});
});
