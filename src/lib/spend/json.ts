/** Small type guards for reading untrusted JSON without `any`. */

/** A JSON object (not an array, not null). */
export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object. */
export function isObject(v: unknown): v is JsonObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A token count: a finite, non-negative number. */
export function isCount(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** `JSON.parse` that gives `undefined` instead of throwing. */
export function tryParse(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** Strips a leading byte-order mark. */
export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * An ISO instant for a date or date-time string (`2026-11-02`, `2026-11`, RFC 3339), or null
 * when it is not one. A date alone is that day at 00:00Z; a time without a zone is read as UTC.
 */
export function toIsoTime(v: unknown): string | null {
	if (typeof v !== 'string') return null;
	const m = /^(\d{4}-\d{2})(-\d{2})?(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v.trim());
	if (!m) return null;
	const [, month, day, time, zone] = m;
	const date = `${month}${day ?? '-01'}`;
	const ms = Date.parse(time ? `${date}T${time}${zone ?? 'Z'}` : `${date}T00:00:00Z`);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
