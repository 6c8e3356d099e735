/**
 * ccusage JSON exports (`ccusage daily|weekly|monthly|session|blocks --json`): rows of summed
 * tokens, each read as one usage record. A row's time is its date at 00:00Z (daily), the first
 * day of its month (monthly), its week's first day (weekly), its `lastActivity` (session), or its
 * `startTime` (blocks). `daily --instances` (rows grouped under `projects`) is read too.
 */
import { SpendImportError, subject } from './errors';
import { isCount, isObject, toIsoTime, type JsonObject } from './json';
import type { UsageParse, UsageRecord, UsageSource } from './types';

/** The ccusage reports Waymark reads: the top-level key holding the rows, and the row's time field. */
const REPORTS: { key: string; source: UsageSource; time: string[]; id: string[] }[] = [
	{ key: 'daily', source: 'ccusage-daily', time: ['date', 'period'], id: ['date', 'period'] },
	{ key: 'weekly', source: 'ccusage-weekly', time: ['week', 'period'], id: ['week', 'period'] },
	{ key: 'monthly', source: 'ccusage-monthly', time: ['month', 'period'], id: ['month', 'period'] },
	{ key: 'sessions', source: 'ccusage-session', time: ['lastActivity'], id: ['sessionId'] },
	{ key: 'blocks', source: 'ccusage-blocks', time: ['startTime'], id: ['id'] }
];

/** A ccusage result with the report it came from. */
export interface CcusageParse extends UsageParse {
	source: UsageSource;
}

function firstString(row: JsonObject, keys: string[]): string | null {
	for (const k of keys) if (typeof row[k] === 'string' && row[k] !== '') return row[k];
	return null;
}

/** Token counts of a row: top-level camelCase fields, or a blocks row's `tokenCounts`. */
function readCounts(row: JsonObject): Pick<UsageRecord, 'input' | 'output' | 'cacheWrite' | 'cacheRead'> | null {
	const c = isObject(row.tokenCounts) ? row.tokenCounts : row;
	const input = c.inputTokens;
	const output = c.outputTokens;
	const cacheWrite = c.cacheCreationTokens ?? c.cacheCreationInputTokens ?? 0;
	const cacheRead = c.cacheReadTokens ?? c.cacheReadInputTokens ?? 0;
	if (!isCount(input) || !isCount(output) || !isCount(cacheWrite) || !isCount(cacheRead)) return null;
	return { input, output, cacheWrite, cacheRead };
}

function readRow(row: unknown, report: (typeof REPORTS)[number], index: number, prefix: string): UsageRecord | null {
	if (!isObject(row)) return null;
	const counts = readCounts(row);
	const time = toIsoTime(firstString(row, report.time));
	if (!counts || !time) return null;
	const key = firstString(row, report.id) ?? String(index + 1);
	const record: UsageRecord = { id: `${report.key}:${prefix}${key}`, time, ...counts };
	const models = Array.isArray(row.modelsUsed) ? row.modelsUsed.filter((m): m is string => typeof m === 'string') : [];
	const blockModels = Array.isArray(row.models) ? row.models.filter((m): m is string => typeof m === 'string') : [];
	const all = models.length ? models : blockModels;
	if (all.length) record.model = all.join(', ');
	return record;
}

/** The rows of a report, with the project each belongs to when grouped by `--instances`. */
function rowsOf(data: JsonObject): { report: (typeof REPORTS)[number]; rows: { row: unknown; project: string | null }[] } | null {
	for (const report of REPORTS) {
		const value = data[report.key];
		if (Array.isArray(value)) return { report, rows: value.map((row) => ({ row, project: null })) };
	}
	if (isObject(data.projects)) {
		const groups = Object.entries(data.projects).filter(([, v]) => Array.isArray(v));
		if (groups.length) {
			const rows = groups.flatMap(([project, v]) => (v as unknown[]).map((row) => ({ row, project })));
			return { report: REPORTS[0], rows };
		}
	}
	return null;
}

/** True when `data` has the shape of a ccusage export (a report array, or `projects` groups). */
export function looksLikeCcusage(data: unknown): boolean {
	return isObject(data) && rowsOf(data) !== null;
}

/**
 * Reads a parsed ccusage `--json` export into usage records (one per row; gap blocks left out).
 * Throws {@link SpendImportError} `not-ccusage` for any other JSON.
 */
export function parseCcusage(data: unknown, file?: string): CcusageParse {
	const found = isObject(data) ? rowsOf(data) : null;
	if (!found) {
		throw new SpendImportError(
			'not-ccusage',
			`${subject(file)} not a ccusage export: expected the JSON of \`ccusage daily --json\` (or weekly, monthly, session, blocks), with a "daily", "monthly", "sessions" … list.`,
			file
		);
	}
	const { report, rows } = found;
	const messages: UsageRecord[] = [];
	let skipped = 0;
	rows.forEach(({ row, project }, index) => {
		if (isObject(row) && row.isGap === true) return;
		const record = readRow(row, report, index, project !== null ? `${project}/` : '');
		if (record) messages.push(record);
		else skipped++;
	});
	return { source: report.source, messages, skipped, duplicates: 0 };
}
