/**
 * Timestamps on progress items, in every format of DESIGN §3, as written (U+2011 hyphens
 * kept): `(2025-10-01 13:00Z)`, `(2026-02-06)`, `2026-04-11T14:04:54Z`, `2025-11-16 14:00 -`,
 * and a trailing `Completed 2026-06-24.`.
 */
import type { TimestampFormat } from '../types';
import { DATE_SRC } from './util';

/** A stamp found on an item: its text (no parentheses), format, and how much leading text it took. */
export interface Stamp {
	value: string;
	format: Exclude<TimestampFormat, 'none'>;
	/** Characters of the item text the leading stamp (with its separator) occupies; 0 for a trailing stamp. */
	consumed: number;
}

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?`;
const ZONE = String.raw`(?:\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?`;
const PAREN = new RegExp(String.raw`^\((${DATE_SRC}(?:[ T]${TIME}${ZONE})?)\)[ \t]*(?:[-–—:][ \t]+)?`, 'u');
const ISO = new RegExp(String.raw`^(${DATE_SRC}T${TIME}${ZONE})(?:[ \t]*[-–—:])?[ \t]*`, 'u');
const PLAIN = new RegExp(String.raw`^\*{0,2}(${DATE_SRC}(?: ${TIME}${ZONE})?)\*{0,2}(?:[ \t]*[-–—:|])?[ \t]+`, 'u');
const TRAILING = new RegExp(String.raw`\b(?:Completed|Done|Finished)(?: on| at)?:?\s+(${DATE_SRC}(?:[ T]${TIME}${ZONE})?)`, 'u');

/** Reads a leading stamp from an item's text (after its checkbox), or a trailing `Completed <date>`. */
export function readStamp(text: string): Stamp | null {
	let m = PAREN.exec(text);
	if (m) return { value: m[1], format: /\d:\d/.test(m[1]) ? 'paren-datetime' : 'paren-date', consumed: m[0].length };
	m = ISO.exec(text);
	if (m) return { value: m[1], format: 'iso', consumed: m[0].length };
	m = PLAIN.exec(text);
	if (m) return { value: m[1], format: 'plain-datetime', consumed: m[0].length };
	m = TRAILING.exec(text);
	if (m) return { value: m[1], format: 'trailing-completed', consumed: 0 };
	return null;
}

const DATE_ANY = new RegExp(String.raw`${DATE_SRC}(?:[ T]${TIME}${ZONE})?`, 'u');

/** The first date (with its time, if any) in `s`, as written; null when none. */
export function firstDate(s: string): string | null {
	const m = DATE_ANY.exec(s);
	return m ? m[0] : null;
}
