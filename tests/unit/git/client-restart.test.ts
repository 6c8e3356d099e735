/**
 * The page's git client replaces its worker after a QuotaError once no call is running (the
 * worker's open file systems keep failing after a full quota, even once space is freed); other
 * errors keep the worker. A stand-in Worker records what it is sent and answers when told.
 */
import { describe, expect, it } from 'vitest';
import { GitClient } from '../../../src/lib/git/client';
import { QuotaError, UnknownGitError } from '../../../src/lib/git/errors';
import type { FromWorker } from '../../../src/lib/git/protocol';

class StandIn {
	sent: { seq: number; op?: string }[] = [];
	terminated = false;
	#listeners: ((ev: MessageEvent<FromWorker>) => void)[] = [];
	addEventListener(_type: 'message', fn: (ev: MessageEvent<FromWorker>) => void): void {
		this.#listeners.push(fn);
	}
	postMessage(msg: { seq: number; op?: string }): void {
		this.sent.push(msg);
	}
	terminate(): void {
		this.terminated = true;
	}
	answer(msg: FromWorker): void {
		for (const fn of this.#listeners) fn({ data: msg } as MessageEvent<FromWorker>);
	}
}

function client(): { git: GitClient; workers: StandIn[] } {
	const workers: StandIn[] = [];
	const git = new GitClient(() => {
		const w = new StandIn();
		workers.push(w);
		return w as unknown as Worker;
	});
	return { git, workers };
}

describe('GitClient after a full quota', () => {
	it('starts a new worker once the calls running when the quota error came have settled', async () => {
		const { git, workers } = client();
		const a = git.listFiles('r1');
		const b = git.listFiles('r2');
		workers[0].answer({ kind: 'error', seq: 1, error: QuotaError.of({}).toJSON() });
		await expect(a).rejects.toBeInstanceOf(QuotaError);
		expect(workers).toHaveLength(1); // call 2 still runs there
		workers[0].answer({ kind: 'result', seq: 2, value: [] });
		expect(await b).toEqual([]);
		expect(workers[0].terminated).toBe(true);
		expect(workers).toHaveLength(2);
		const c = git.listFiles('r1');
		expect(workers[1].sent.at(-1)).toMatchObject({ op: 'listFiles' });
		workers[1].answer({ kind: 'result', seq: 3, value: [{ path: 'a.md' }] });
		expect(await c).toEqual([{ path: 'a.md' }]);
	});

	it('keeps the worker after other errors', async () => {
		const { git, workers } = client();
		const a = git.listFiles('r1');
		workers[0].answer({ kind: 'error', seq: 1, error: UnknownGitError.of({ cause: 'x' }).toJSON() });
		await expect(a).rejects.toBeInstanceOf(UnknownGitError);
		expect(workers).toHaveLength(1);
		expect(workers[0].terminated).toBe(false);
	});
});
