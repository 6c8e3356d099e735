/**
 * The editor buffer of each open plan, kept at every change so nothing typed is lost to a crash,
 * a closed tab or an app update. One entry per repo and path; a draft wins over the working file.
 */
import { del, get, set } from 'idb-keyval';
import type { RecordedEdit } from '$lib/plan/types';
import { db } from './db';

/** A saved editor buffer and what it was based on. */
export interface Draft {
	/** The editor's text, exactly (own line endings). */
	text: string;
	/** HEAD's text when the draft was written (null for a file HEAD does not have). */
	headText: string | null;
	/** Panel edits made since HEAD, in order, for the commit and for sync replay. */
	edits: RecordedEdit[];
	/** ISO time of the write. */
	savedAt: string;
}

/** The key of one draft: an array key keeps repo id and path apart without escaping. */
function draftKey(repoId: string, path: string): IDBValidKey {
	return ['draft', repoId, path];
}

/** The saved draft of `path` in repo `repoId`, if any. */
export async function loadDraft(repoId: string, path: string): Promise<Draft | undefined> {
	return get<Draft>(draftKey(repoId, path), await db());
}

/** Saves (replaces) the draft of `path`. */
export async function saveDraft(repoId: string, path: string, draft: Draft): Promise<void> {
	await set(draftKey(repoId, path), draft, await db());
}

/** Forgets the draft of `path` (after a commit or a discard made it equal to HEAD). */
export async function deleteDraft(repoId: string, path: string): Promise<void> {
	await del(draftKey(repoId, path), await db());
}
