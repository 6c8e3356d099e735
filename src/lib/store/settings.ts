/** Person-level settings: the commit author. */
import { get, set } from 'idb-keyval';
import { db, KEYS } from './db';

/** What commits are signed with. */
export interface Settings {
	authorName: string;
	authorEmail: string;
	/** The message of a phase-completion commit: `{n}` is the phase number, `{title}` its title. */
	phaseMessage: string;
}

/** Defaults before the person sets anything. */
export const DEFAULT_SETTINGS: Settings = { authorName: '', authorEmail: '', phaseMessage: 'feat(plan): complete Phase {n} — {title}' };

/** The saved settings, with defaults for anything missing. */
export async function loadSettings(): Promise<Settings> {
	return { ...DEFAULT_SETTINGS, ...((await get<Partial<Settings>>(KEYS.settings, await db())) ?? {}) };
}

/** Saves the settings. */
export async function saveSettings(settings: Settings): Promise<void> {
	await set(KEYS.settings, { ...settings }, await db());
}
