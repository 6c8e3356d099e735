/**
 * The plan worker: reads plans off the page's thread for the "Plans" list and the home screen
 * (summaries) and for the plan screen (the chunk scans of a big plan, so its first parse on the
 * page runs no remark). Requests run one at a time in order; a cancelled one still queued is
 * dropped. The chunk scans of the last few big plans are kept: a plan the list has just read opens
 * without reading it again (see summaries.ts).
 */
import { createIncrementalParser, type ChunkSeed } from '$lib/plan/incremental';
import { planSummaryOf } from './plan-summary';
import { SEED_FROM, type WorkerReply, type WorkerRequest } from './summaries';

/** Chunk scans of big plans by text, the most recent last. */
const seeds = new Map<string, ChunkSeed>();
const KEEP_SEEDS = 3;
const queue: Extract<WorkerRequest, { want: string }>[] = [];
let scheduled = false;

function read(text: string): { seed: ChunkSeed | null; summary: () => ReturnType<typeof planSummaryOf> } {
	const known = seeds.get(text);
	const parser = createIncrementalParser(known ? () => known : undefined);
	const doc = parser.parse(text);
	const seed = known ?? parser.chunkSeed();
	if (seed && text.length >= SEED_FROM) {
		seeds.delete(text);
		seeds.set(text, seed);
		for (const old of seeds.keys()) if (seeds.size > KEEP_SEEDS) seeds.delete(old);
	}
	return { seed, summary: () => planSummaryOf(doc, text) };
}

function work(): void {
	scheduled = false;
	const next = queue.shift();
	if (!next) return;
	let reply: WorkerReply;
	try {
		const { seed, summary } = read(next.text);
		reply = next.want === 'summary' ? { seq: next.seq, summary: summary() } : { seq: next.seq, seed };
	} catch (err) {
		reply = { seq: next.seq, error: err instanceof Error ? err.message : String(err) };
	}
	(self as unknown as Worker).postMessage(reply);
	schedule();
}

function schedule(): void {
	if (scheduled || queue.length === 0) return;
	scheduled = true;
	// A task between requests lets cancel messages that came meanwhile drop what they name.
	setTimeout(work, 0);
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
	const msg = e.data;
	if ('cancel' in msg) {
		const drop = new Set(msg.cancel);
		for (let i = queue.length - 1; i >= 0; i--) if (drop.has(queue[i].seq)) queue.splice(i, 1);
		return;
	}
	queue.push(msg);
	schedule();
};
