/**
 * `git format-patch` output for unpushed commits, so work can leave the browser without the
 * remote ("Export unpushed work"): one mbox message per commit that native `git am` applies to
 * give the same tree. Text files only; lines keep their own endings (a CRLF file stays CRLF).
 */
import { linePatches } from '../plan/line-patches';

/** One file a commit changed; null text means absent on that side. */
export interface PatchFile {
	path: string;
	before: string | null;
	after: string | null;
	beforeOid: string | null;
	afterOid: string | null;
	/** Git file mode of the new side (e.g. `100644`). */
	mode: string;
}

/** What a patch needs to know about its commit. */
export interface PatchCommit {
	oid: string;
	message: string;
	author: { name: string; email: string; timestamp: number; timezoneOffset: number };
}

const CONTEXT = 3;
const ZERO = '0000000';

/** A file's lines without their `\n` (a `\r` stays on the line) and whether the last one ends with `\n`. */
function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
	if (text === '') return { lines: [], finalNewline: true };
	const lines = text.split('\n');
	const finalNewline = lines[lines.length - 1] === '';
	if (finalNewline) lines.pop();
	return { lines, finalNewline };
}

/** Unified-diff hunks (`@@ … @@` blocks) from `before` to `after` with three lines of context. */
export function unifiedHunks(before: string, after: string): string {
	const a = splitLines(before);
	const b = splitLines(after);
	// A missing final newline changes the last line: diff with a marker so it shows as changed.
	const al = [...a.lines];
	const bl = [...b.lines];
	if (!a.finalNewline && al.length) al[al.length - 1] += '\u0000';
	if (!b.finalNewline && bl.length) bl[bl.length - 1] += '\u0000';
	const changes: { aStart: number; aLen: number; bStart: number; bLen: number }[] = [];
	let shift = 0; // lines added minus lines removed before the change, so b's start follows a's
	for (const p of linePatches(al, bl)) {
		changes.push({ aStart: p.offset, aLen: p.length, bStart: p.offset + shift, bLen: p.chunk.length });
		shift += p.chunk.length - p.length;
	}
	if (changes.length === 0) return '';
	const groups: (typeof changes)[] = [];
	for (const c of changes) {
		const last = groups[groups.length - 1];
		const prev = last?.[last.length - 1];
		if (prev && c.aStart - (prev.aStart + prev.aLen) <= 2 * CONTEXT) last.push(c);
		else groups.push([c]);
	}
	const out: string[] = [];
	const line = (prefix: string, text: string) => {
		if (text.endsWith('\u0000')) out.push(`${prefix}${text.slice(0, -1)}\n\\ No newline at end of file\n`);
		else out.push(`${prefix}${text}\n`);
	};
	for (const group of groups) {
		const first = group[0];
		const lastC = group[group.length - 1];
		const aFrom = Math.max(0, first.aStart - CONTEXT);
		const aTo = Math.min(al.length, lastC.aStart + lastC.aLen + CONTEXT);
		const bFrom = first.bStart - (first.aStart - aFrom);
		const bTo = lastC.bStart + lastC.bLen + (aTo - (lastC.aStart + lastC.aLen));
		const aCount = aTo - aFrom;
		const bCount = bTo - bFrom;
		out.push(`@@ -${range(aFrom, aCount)} +${range(bFrom, bCount)} @@\n`);
		let ai = aFrom;
		for (const c of group) {
			for (; ai < c.aStart; ai++) line(' ', al[ai]);
			for (let k = 0; k < c.aLen; k++) line('-', al[c.aStart + k]);
			for (let k = 0; k < c.bLen; k++) line('+', bl[c.bStart + k]);
			ai = c.aStart + c.aLen;
		}
		for (; ai < aTo; ai++) line(' ', al[ai]);
	}
	return out.join('');
}

/** `start,count` of a hunk side, 1-based, as git writes it (an empty side names the line before). */
function range(from: number, count: number): string {
	if (count === 0) return `${from},0`;
	return count === 1 ? `${from + 1}` : `${from + 1},${count}`;
}

/** The `diff --git` section of one file. */
export function fileDiff(f: PatchFile): string {
	const head = [`diff --git a/${f.path} b/${f.path}`];
	const a7 = f.beforeOid ? f.beforeOid.slice(0, 7) : ZERO;
	const b7 = f.afterOid ? f.afterOid.slice(0, 7) : ZERO;
	if (f.before === null) head.push(`new file mode ${f.mode}`, `index ${ZERO}..${b7}`, '--- /dev/null', `+++ b/${f.path}`);
	else if (f.after === null) head.push(`deleted file mode ${f.mode}`, `index ${a7}..${ZERO}`, `--- a/${f.path}`, '+++ /dev/null');
	else head.push(`index ${a7}..${b7} ${f.mode}`, `--- a/${f.path}`, `+++ b/${f.path}`);
	return `${head.join('\n')}\n${unifiedHunks(f.before ?? '', f.after ?? '')}`;
}

/** RFC 2822 date of a git signature (`Sat, 28 Nov 2026 17:16:00 +0100`). */
export function mailDate(timestamp: number, timezoneOffset: number): string {
	const minutesEast = -timezoneOffset;
	const local = new Date((timestamp + minutesEast * 60) * 1000);
	const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const p2 = (n: number) => String(n).padStart(2, '0');
	const sign = minutesEast < 0 ? '-' : '+';
	const abs = Math.abs(minutesEast);
	return `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())} ${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`;
}

/** One commit as a `git format-patch` mbox message (`[PATCH n/m]`). */
export function formatPatch(commit: PatchCommit, files: PatchFile[], n: number, m: number): string {
	const message = commit.message.replace(/\s+$/, '');
	const nl = message.indexOf('\n');
	const subject = nl < 0 ? message : message.slice(0, nl);
	const body = nl < 0 ? '' : message.slice(nl + 1).replace(/^\s*\n/, '');
	const prefix = m > 1 ? `[PATCH ${n}/${m}]` : '[PATCH]';
	const headers = [
		`From ${commit.oid} Mon Sep 17 00:00:00 2001`,
		`From: ${commit.author.name} <${commit.author.email}>`,
		`Date: ${mailDate(commit.author.timestamp, commit.author.timezoneOffset)}`,
		`Subject: ${prefix} ${subject}`,
		'MIME-Version: 1.0',
		'Content-Type: text/plain; charset=UTF-8',
		'Content-Transfer-Encoding: 8bit'
	];
	const parts = [`${headers.join('\n')}\n\n`];
	if (body) parts.push(`${body}\n`);
	parts.push('---\n\n');
	for (const f of files) parts.push(fileDiff(f));
	parts.push('-- \nWaymark\n\n');
	return parts.join('');
}

/** A file name for patch `n` like format-patch's (`0001-docs-plan-progress.patch`). */
export function patchName(n: number, message: string): string {
	const subject = message.split('\n')[0] ?? '';
	const slug = subject.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 52).replace(/-+$/, '') || 'change';
	return `${String(n).padStart(4, '0')}-${slug}.patch`;
}
