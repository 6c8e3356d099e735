/** Plain helpers for the workspace state: repo ids, timestamps, and the session's token memory. */

/** A short unique id for a repo database, readable in devtools (`demo-3f9a1c`). */
export function newRepoId(name: string): string {
	const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32) || 'repo';
	const rand = Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, '0')).join('');
	return `${slug}-${rand}`;
}

/** The current time as ISO text, for records. */
export function nowIso(): string {
	return new Date().toISOString();
}

/** Tokens typed this session, by host; in memory only (a reload forgets them). */
export const sessionTokens = new Map<string, string>();
