/**
 * The plan-summary worker: reads plans for the "Plans" list and the home screen off the page's
 * thread, so a 20,000-line plan being summarised never holds up a click (see summaries.ts).
 */
import { planSummary } from './plan-summary';
import type { SummaryRequest, SummaryReply } from './summaries';

self.onmessage = (e: MessageEvent<SummaryRequest>) => {
	const { seq, text } = e.data;
	let reply: SummaryReply;
	try {
		reply = { seq, summary: planSummary(text) };
	} catch (err) {
		reply = { seq, error: err instanceof Error ? err.message : String(err) };
	}
	(self as unknown as Worker).postMessage(reply);
};
