/**
 * Reads the plan file's spend over time through the git worker: the commits that touched it (the
 * newest {@link SPEND_HISTORY_LIMIT}), each one's text parsed for its total tokens spent (one
 * incremental parser across them). A commit's figure never changes, so it is remembered for the
 * session by commit id.
 */
import { gitClient } from '$lib/git';
import { createSpendReader, spendSeries, type SpendPoint, type SpendSample } from '$lib/plan/spend-history';

/** The most commits the chart reads (older ones are left out, and the chart says so). */
export const SPEND_HISTORY_LIMIT = 200;

const known = new Map<string, number | null>();

/** What the chart shows: the points, and whether the history had more commits than were read. */
export interface SpendHistory {
	points: SpendPoint[];
	capped: boolean;
}

/**
 * The spend recorded by each commit of `path`, oldest first; null when `stale()` turns true
 * meanwhile (the panel went away or HEAD moved). Yields to the page between commits, so a long
 * history does not freeze typing.
 */
export async function loadSpendHistory(id: string, path: string, stale: () => boolean = () => false, limit = SPEND_HISTORY_LIMIT): Promise<SpendHistory | null> {
	const client = gitClient();
	// One more than shown: only then is it known that older commits were left out.
	const listed = await client.log(id, path, limit + 1);
	const commits = listed.slice(0, limit);
	const samples: SpendSample[] = [];
	// Consecutive commits differ a little: the reader re-parses only what changed.
	const spentIn = createSpendReader();
	for (const c of commits) {
		if (stale()) return null;
		const key = `${id}\u0000${c.oid}\u0000${path}`;
		let spent = known.get(key);
		if (spent === undefined) {
			const text = await client.readAt(id, c.oid, path);
			spent = text === null ? null : spentIn(text);
			known.set(key, spent);
			await new Promise((r) => setTimeout(r, 0));
		}
		if (spent !== null) samples.push({ oid: c.oid, time: c.committer?.timestamp ?? c.author.timestamp, spent });
	}
	return stale() ? null : { points: spendSeries(samples), capped: listed.length > limit };
}
