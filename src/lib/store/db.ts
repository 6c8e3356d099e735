/**
 * Waymark's own small key-value database (idb-keyval), separate from the repos' lightning-fs
 * databases. The layout carries a `schemaVersion`; {@link ensureSchema} migrates older layouts.
 */
import { clear, createStore, get, set, type UseStore } from 'idb-keyval';

/** Version of the key layout below; bump it and add a step to {@link MIGRATIONS} on change. */
export const SCHEMA_VERSION = 1;

/** Keys of the store, all in one place. */
export const KEYS = {
	schemaVersion: 'schemaVersion',
	repos: 'repos',
	settings: 'settings',
	tokens: 'tokens'
} as const;

/** Steps from version n to n+1, by n. Version 0 is an empty database. */
const MIGRATIONS: Record<number, (store: UseStore) => Promise<void>> = {
	0: async (store) => {
		if ((await get(KEYS.repos, store)) === undefined) await set(KEYS.repos, [], store);
	}
};

let store: UseStore | null = null;
let ready: Promise<UseStore> | null = null;

/** The store, migrated to {@link SCHEMA_VERSION} before first use. */
export function db(): Promise<UseStore> {
	ready ??= ensureSchema((store ??= createStore('waymark', 'kv')));
	return ready;
}

/** Runs every migration between the stored version and {@link SCHEMA_VERSION}. */
export async function ensureSchema(s: UseStore): Promise<UseStore> {
	let version = (await get<number>(KEYS.schemaVersion, s)) ?? 0;
	if (version > SCHEMA_VERSION) throw new RangeError(`Waymark data is from a newer version (${version} > ${SCHEMA_VERSION}); update the app.`);
	while (version < SCHEMA_VERSION) {
		await MIGRATIONS[version](s);
		version++;
		await set(KEYS.schemaVersion, version, s);
	}
	return s;
}

/** Deletes every key (repos list, settings, tokens, drafts); the schema version is written again. */
export async function wipeStore(): Promise<void> {
	const s = await db();
	await clear(s);
	await set(KEYS.schemaVersion, SCHEMA_VERSION, s);
}
