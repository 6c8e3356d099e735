/**
 * Plans read off the page's thread, in one worker shared by the screens (summary-worker.ts):
 * summaries for the "Plans" list and the home screen — each a full parse and lint, seconds on a
 * big plan, during which a click used to wait — and the chunk scans of a big plan for the plan
 * screen, so its first parse runs no remark (the scans of a plan the list has just read are kept
 * there). Summaries are remembered by text on the page, so a screen shown again answers at once.
 * Where no Worker exists (Node tests), a summary is computed in place and no scans are offered.
 */
import type { ChunkSeed } from '$lib/plan/incremental';
import { planSummary, type PlanSummary } from './plan-summary';

/** Plans this long or longer are parsed for the plan screen in the worker (and their scans kept there). */
export const SEED_FROM = 200_000;
/**
 * Plans shorter than this are summarised on the page (a few milliseconds each, after a yield so
 * input goes first): the worker's start and round trip made the home screen's lists arrive later,
 * moving the links under a person's pointer as they clicked.
 */
export const WORKER_FROM = 60_000;

/** A message to the worker: read `text` for a summary or for its chunk scans; or drop queued requests. */
export type WorkerRequest = { seq: number; text: string; want: 'summary' | 'seed' } | { cancel: number[] };

/** The worker's answer. */
export type WorkerReply = { seq: number; summary: PlanSummary } | { seq: number; seed: ChunkSeed | null } | { seq: number; error: string };

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

interface Pending {
	resolve: (reply: WorkerReply) => void;
	reject: (e: Error) => void;
}

/** The page's one plan worker, started on first use. */
class PlanWorker {
	#worker: Worker | null = null;
	#seq = 0;
	readonly #pending = new Map<number, Pending>();

	/** Sends a request; the promise settles with the worker's reply (its seq is given to `onSeq` at once). */
	request(text: string, want: 'summary' | 'seed', onSeq: (seq: number) => void): Promise<WorkerReply> {
		const seq = ++this.#seq;
		onSeq(seq);
		return new Promise<WorkerReply>((resolve, reject) => {
			this.#pending.set(seq, { resolve, reject });
			this.#start().postMessage({ seq, text, want } satisfies WorkerRequest);
		});
	}

	/** Drops requests still queued in the worker; their promises reject with SummaryStopped. */
	cancel(seqs: number[]): void {
		if (seqs.length === 0) return;
		this.#worker?.postMessage({ cancel: seqs } satisfies WorkerRequest);
		for (const seq of seqs) {
			this.#pending.get(seq)?.reject(new SummaryStopped());
			this.#pending.delete(seq);
		}
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./summary-worker.ts', import.meta.url), { type: 'module', name: 'waymark-plans' });
		worker.onmessage = (e: MessageEvent<WorkerReply>) => {
			const p = this.#pending.get(e.data.seq);
			if (!p) return;
			this.#pending.delete(e.data.seq);
			p.resolve(e.data);
		};
		worker.onerror = (e) => {
			// A worker that cannot start (or crashed): what is pending fails, and callers fall back.
			e.preventDefault();
			worker.terminate();
			this.#worker = null;
			const pending = [...this.#pending.values()];
			this.#pending.clear();
			for (const p of pending) p.reject(new Error('the plan worker stopped'));
		};
		this.#worker = worker;
		return worker;
	}
}

let shared: PlanWorker | null = null;
function planWorker(): PlanWorker {
	shared ??= new PlanWorker();
	return shared;
}

/** For tests: forget the shared worker (a stand-in Worker class is installed per test). */
export function resetPlanWorker(): void {
	shared = null;
}

/** One screen's summaries: its requests to the shared worker, dropped by `stop`. */
export class Summarizer {
	readonly #mine = new Set<number>();

	/** The summary of `text`: remembered, else from the worker (or in place without workers, or when it fails). */
	async summarize(text: string): Promise<PlanSummary> {
		const known = remembered.get(text);
		if (known) return known;
		let summary: PlanSummary;
		if (typeof Worker === 'undefined' || text.length < WORKER_FROM) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			summary = planSummary(text);
		} else {
			let seq = 0;
			try {
				const reply = await planWorker().request(text, 'summary', (s) => this.#mine.add((seq = s)));
				if (!('summary' in reply)) throw new Error('error' in reply ? reply.error : 'no summary');
				summary = reply.summary;
			} catch (err) {
				if (err instanceof SummaryStopped) throw err;
				summary = planSummary(text);
			} finally {
				this.#mine.delete(seq);
			}
		}
		remember(text, summary);
		return summary;
	}

	/** Drops this screen's requests still waiting; they reject with SummaryStopped. */
	stop(): void {
		planWorker().cancel([...this.#mine]);
		this.#mine.clear();
	}
}

/**
 * The chunk scans of `text` from the worker, for the plan screen's first parse (null for a plan
 * shorter than {@link SEED_FROM}, without workers, or when the worker fails: the page parses it).
 */
export async function planSeed(text: string): Promise<ChunkSeed | null> {
	if (text.length < SEED_FROM || typeof Worker === 'undefined') return null;
	try {
		const reply = await planWorker().request(text, 'seed', () => undefined);
		return 'seed' in reply ? reply.seed : null;
	} catch {
		return null;
	}
}
