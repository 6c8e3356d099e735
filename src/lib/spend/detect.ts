/**
 * Picks the usage parser for a file the person dropped, by its content: a ccusage JSON export,
 * or a Claude Code session log (JSON lines). The name only picks the more precise error message.
 */
import { parseCcusage, looksLikeCcusage } from './ccusage';
import { parseClaudeJsonl } from './claude-jsonl';
import { SpendImportError, subject } from './errors';
import { isObject, stripBom, tryParse } from './json';
import type { UsageImport } from './types';

/**
 * Reads a usage file: ccusage `--json` output or a Claude Code `.jsonl` session log.
 * Throws {@link SpendImportError} (`empty`, `unknown-format`) for anything else.
 */
export function parseUsageFile(name: string, text: string): UsageImport {
	const body = stripBom(text).trim();
	if (body === '') throw new SpendImportError('empty', `${subject(name)} empty: there is no usage in it.`, name);
	const whole = tryParse(body);
	if (looksLikeCcusage(whole)) return parseCcusage(whole, name);
	// A one-line session log is also a whole JSON document; an object with a `type` is such a line.
	const jsonLines = whole === undefined || (isObject(whole) && typeof whole.type === 'string');
	if (jsonLines) {
		try {
			return { source: 'claude-jsonl', ...parseClaudeJsonl(body, name) };
		} catch (err) {
			// A file named as a session log gets the session-log sentence; otherwise the general one below.
			if (!(err instanceof SpendImportError) || /\.jsonl$/i.test(name)) throw err;
		}
	}
	if (whole !== undefined && /\.json$/i.test(name)) return parseCcusage(whole, name);
	throw new SpendImportError(
		'unknown-format',
		`${subject(name)} not a usage log Waymark can read: expected a Claude Code session log (.jsonl from ~/.claude/projects/) or the output of \`ccusage daily --json\` (or session, monthly).`,
		name
	);
}
