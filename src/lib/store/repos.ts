/** The list of repos on this device (metadata only; contents live in each repo's lightning-fs database). */
import { get, update } from 'idb-keyval';
import { db, KEYS } from './db';

/** One repo as the workspace lists it. */
export interface RepoRecord {
	id: string;
	name: string;
	/** Remote URL; empty for a repo created in the browser (the offline demo). */
	url: string;
	branch: string;
	corsProxy: string;
	/** User name sent with the token, for hosts that need one (not a secret). */
	username?: string;
	/** ISO time the repo was added. */
	createdAt: string;
}

/** Every repo, oldest first. */
export async function listRepos(): Promise<RepoRecord[]> {
	return (await get<RepoRecord[]>(KEYS.repos, await db())) ?? [];
}

/** Adds or replaces (by id) a repo. */
export async function saveRepo(repo: RepoRecord): Promise<void> {
	await update<RepoRecord[]>(KEYS.repos, (list = []) => [...list.filter((r) => r.id !== repo.id), repo], await db());
}

/** Removes a repo from the list (its databases are deleted by the git layer). */
export async function removeRepo(id: string): Promise<void> {
	await update<RepoRecord[]>(KEYS.repos, (list = []) => list.filter((r) => r.id !== id), await db());
}

/** One repo by id, or null. */
export async function findRepo(id: string): Promise<RepoRecord | null> {
	return (await listRepos()).find((r) => r.id === id) ?? null;
}
