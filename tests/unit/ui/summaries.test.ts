/**
 * The plan worker's page side (the worker itself runs in the browser e2e tests, where every
 * "Plans" row and home-screen summary passes through it): in place without workers, remembered by
 * text, queued requests cancelled by `stop`, computed in place when the worker fails, and scans
 * asked only for big plans.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planSummary } from '../../../src/lib/ui/repo/plan-summary';
import { planSeed, rememberedSummary, resetPlanWorker, SEED_FROM, Summarizer, SummaryStopped, WORKER_FROM } from '../../../src/lib/ui/repo/summaries';

const plan = (n: number) => `# Plan ${n}\n\n## Progress\n\n- [x] One\n- [ ] Two ${n}\n`;
/** A plan long enough to be summarised in the worker. */
const long = (n: number) => plan(n) + '- [ ] filler line\n'.repeat(Math.ceil(WORKER_FROM / 18));

/** A stand-in Worker that records what it is sent and answers only when told. */
class SilentWorker {
	static last: SilentWorker | null = null;
	onmessage: ((e: MessageEvent) => void) | null = null;
	onerror: ((e: { preventDefault(): void }) => void) | null = null;
	sent: unknown[] = [];
	terminated = false;
	constructor() {
		SilentWorker.last = this;
	}
	postMessage(data: unknown): void {
		this.sent.push(data);
	}
	terminate(): void {
		this.terminated = true;
	}
}

const g = globalThis as { Worker?: unknown };
afterEach(() => {
	delete g.Worker;
	resetPlanWorker();
	SilentWorker.last = null;
});

describe('Summarizer', () => {
	it('summarises a short plan on the page, even with workers', async () => {
		g.Worker = SilentWorker;
		expect(await new Summarizer().summarize(plan(7))).toEqual(planSummary(plan(7)));
		expect(SilentWorker.last).toBeNull();
	});

	it('without workers computes in place, and remembers by text', async () => {
		const s = new Summarizer();
		const text = plan(1);
		expect(rememberedSummary(text)).toBeUndefined();
		expect(await s.summarize(text)).toEqual(planSummary(text));
		expect(rememberedSummary(text)).toEqual(planSummary(text));
	});

	it('asks the worker once per text, answers from memory after, and stop cancels what is queued', async () => {
		g.Worker = SilentWorker;
		const s = new Summarizer();
		const text = long(2);
		const first = s.summarize(text);
		const w = SilentWorker.last!;
		expect(w.sent).toEqual([{ seq: 1, text, want: 'summary' }]);
		w.onmessage!({ data: { seq: 1, summary: planSummary(text) } } as MessageEvent);
		expect(await first).toEqual(planSummary(text));
		expect(await s.summarize(text)).toEqual(planSummary(text));
		expect(w.sent).toHaveLength(1);

		const pending = s.summarize(long(3));
		await Promise.resolve();
		s.stop();
		await expect(pending).rejects.toBeInstanceOf(SummaryStopped);
		expect(w.sent.at(-1)).toEqual({ cancel: [2] });
		expect(w.terminated).toBe(false); // shared with the other screens
	});

	it('a worker that fails gives the summary in place', async () => {
		g.Worker = SilentWorker;
		const s = new Summarizer();
		const pending = s.summarize(long(4));
		await Promise.resolve();
		let prevented = false;
		SilentWorker.last!.onerror!({ preventDefault: () => (prevented = true) });
		expect(await pending).toEqual(planSummary(long(4)));
		expect(prevented).toBe(true);
		expect(SilentWorker.last!.terminated).toBe(true);
	});

	it('asks the worker for chunk scans of big plans only', async () => {
		g.Worker = SilentWorker;
		expect(await planSeed(plan(5))).toBeNull();
		expect(SilentWorker.last).toBeNull();
		const big = plan(6) + '- [ ] filler line\n'.repeat(Math.ceil(SEED_FROM / 18));
		const asked = planSeed(big);
		const w = SilentWorker.last!;
		expect(w.sent).toEqual([{ seq: 1, text: big, want: 'seed' }]);
		const seed = { bodies: new Map(), pieces: new Map() };
		w.onmessage!({ data: { seq: 1, seed } } as MessageEvent);
		expect(await asked).toBe(seed);
	});
});
