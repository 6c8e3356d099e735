/**
 * The summarizer's bookkeeping (the worker itself runs in the browser e2e tests, where every
 * "Plans" row and home-screen summary passes through it): in place without workers, remembered by
 * text, pending summaries rejected by `stop`, and computed in place when the worker fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planSummary } from '../../../src/lib/ui/repo/plan-summary';
import { rememberedSummary, Summarizer, SummaryStopped } from '../../../src/lib/ui/repo/summaries';

const plan = (n: number) => `# Plan ${n}\n\n## Progress\n\n- [x] One\n- [ ] Two ${n}\n`;

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
});

describe('Summarizer', () => {
	it('without workers computes in place, and remembers by text', async () => {
		const s = new Summarizer();
		const text = plan(1);
		expect(rememberedSummary(text)).toBeUndefined();
		expect(await s.summarize(text)).toEqual(planSummary(text));
		expect(rememberedSummary(text)).toEqual(planSummary(text));
	});

	it('sends a text to its worker once, answers from memory after, and stop rejects what is pending', async () => {
		g.Worker = SilentWorker;
		const s = new Summarizer();
		const text = plan(2);
		const first = s.summarize(text);
		const w = SilentWorker.last!;
		expect(w.sent).toEqual([{ seq: 1, text }]);
		w.onmessage!({ data: { seq: 1, summary: planSummary(text) } } as MessageEvent);
		expect(await first).toEqual(planSummary(text));
		expect(await s.summarize(text)).toEqual(planSummary(text));
		expect(w.sent).toHaveLength(1);

		const pending = s.summarize(plan(3));
		s.stop();
		expect(w.terminated).toBe(true);
		await expect(pending).rejects.toBeInstanceOf(SummaryStopped);
	});

	it('a worker that fails gives its pending summaries in place', async () => {
		g.Worker = SilentWorker;
		const s = new Summarizer();
		const pending = s.summarize(plan(4));
		let prevented = false;
		SilentWorker.last!.onerror!({ preventDefault: () => (prevented = true) });
		expect(await pending).toEqual(planSummary(plan(4)));
		expect(prevented).toBe(true);
	});
});
