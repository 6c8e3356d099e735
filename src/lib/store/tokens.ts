/**
 * Access tokens the person asked to remember, per host. Tokens not remembered live only in page
 * memory for the session (see session/workspace); these are opt-in and deleted on request.
 */
import { get, update } from 'idb-keyval';
import { db, KEYS } from './db';

/** The remembered token for `host`, if any. */
export async function rememberedToken(host: string): Promise<string | undefined> {
	return (await get<Record<string, string>>(KEYS.tokens, await db()))?.[host];
}

/** Remembers `token` for `host`. */
export async function rememberToken(host: string, token: string): Promise<void> {
	await update<Record<string, string>>(KEYS.tokens, (all = {}) => ({ ...all, [host]: token }), await db());
}

/** Forgets the token of `host`. */
export async function forgetToken(host: string): Promise<void> {
	await update<Record<string, string>>(KEYS.tokens, (all = {}) => {
		const rest = { ...all };
		delete rest[host];
		return rest;
	}, await db());
}
