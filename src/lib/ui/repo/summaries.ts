/**
 * Plan summaries (progress, status, next action, lint counts) computed in a worker of their own:
 * each is a full parse and lint, which on a big plan takes seconds, and on the page's thread a
 * click waited for it. Results are remembered by text, so a screen shown again answers at once.
 * Where no Worker exists (Node tests), the summary is computed in place.
 */
import { planSummary, type PlanSummary } from './plan-summary';

/** A message to the worker. */
export interface SummaryRequest {
	seq: number;
	text: string;
}

/** The worker's answer. */
export type SummaryReply = { seq: number; summary: PlanSummary } | { seq: number; error: string };

/** Summaries remembered, by plan text (the screens show the same plans again and again). */
const remembered = new Map<string, PlanSummary>();
/** At most this many characters of plan text are kept as keys (the oldest go first). */
const REMEMBER_CHARS = 8_000_000;
let rememberedChars = 0;

/** Summaries of texts already read (by any summarizer), or undefined. */
export function rememberedSummary(text: string): PlanSummary | undefined {
	return remembered.get(text);
}

function remember(text: string, summary: PlanSummary): void {
	if (remembered.has(text) || text.length > REMEMBER_CHARS / 4) return;
	for (const old of remembered.keys()) {
		if (rememberedChars + text.length <= REMEMBER_CHARS) break;
		remembered.delete(old);
		rememberedChars -= old.length;
	}
	remembered.set(text, summary);
	rememberedChars += text.length;
}

/** Thrown for the summaries still pending when a summarizer is stopped. */
export class SummaryStopped extends Error {
	constructor() {
		super('summaries stopped');
	}
}

/** One screen's summarizer: its own worker, started on first use and ended by `stop`. */
export class Summarizer {
	#worker: Worker | null = null;
	#seq = 0;
	readonly #pending = new Map<number, { resolve: (s: PlanSummary) => void; reject: (e: Error) => void; text: string }>();

	/** The summary of `text`: remembered, else from the worker (or in place without workers). */
	summarize(text: string): Promise<PlanSummary> {
		const known = remembered.get(text);
		if (known) return Promise.resolve(known);
		if (typeof Worker === 'undefined') {
			const summary = planSummary(text);
			remember(text, summary);
			return Promise.resolve(summary);
		}
		const seq = ++this.#seq;
		return new Promise<PlanSummary>((resolve, reject) => {
			this.#pending.set(seq, { resolve, reject, text });
			this.#start().postMessage({ seq, text } satisfies SummaryRequest);
		});
	}

	/** Ends the worker (its work is dropped); pending summaries reject with SummaryStopped. */
	stop(): void {
		this.#worker?.terminate();
		this.#worker = null;
		for (const p of this.#pending.values()) p.reject(new SummaryStopped());
		this.#pending.clear();
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./summary-worker.ts', import.meta.url), { type: 'module', name: 'waymark-summaries' });
		worker.onmessage = (e: MessageEvent<SummaryReply>) => {
			const p = this.#pending.get(e.data.seq);
			if (!p) return;
			this.#pending.delete(e.data.seq);
			if ('summary' in e.data) {
				remember(p.text, e.data.summary);
				p.resolve(e.data.summary);
			} else p.reject(new Error(e.data.error));
		};
		worker.onerror = (e) => {
			// A worker that cannot start (or crashed): what is pending is computed in place instead.
			e.preventDefault();
			const pending = [...this.#pending.values()];
			this.#pending.clear();
			this.#worker = null;
			for (const p of pending) {
				try {
					const summary = planSummary(p.text);
					remember(p.text, summary);
					p.resolve(summary);
				} catch (err) {
					p.reject(err instanceof Error ? err : new Error(String(err)));
				}
			}
		};
		this.#worker = worker;
		return worker;
	}
}
