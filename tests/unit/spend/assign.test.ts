import { describe, expect, it } from 'vitest';
import { assignToPhases, readPhaseDate } from '../../../src/lib/spend/assign';
import type { UsageRecord } from '../../../src/lib/spend/types';
import { parsePlan } from '../../../src/lib/plan/parse';
import { allPhases } from '../../../src/lib/plan/deps';
import { phase } from '../plan/build';

/** Three phases as a plan writes them: date-only Started/Completed, and one datetime boundary. */
const PLAN = `# Auth system

## Phase 1: Foundation
**Status**: Complete
**Started**: 2026-11-01
**Completed**: 2026-11-03

- [x] JWT service

## Phase 2: Integration
**Status**: Complete
**Started**: 2026-11-04
**Completed**: 2026-11-05 12:00Z

- [x] Endpoints

## Phase 3: Polish
**Status**: In Progress
**Started**: 2026-11-05 12:00Z

- [ ] Rate limiting
`;

let n = 0;
function rec(time: string, input: number, output: number, cacheWrite = 0, cacheRead = 0): UsageRecord {
	return { id: `r${n++}`, time, input, output, cacheWrite, cacheRead };
}

/** Each record with the phase it must land in, decided by reading the dates above (not by the code). */
const CASES: [UsageRecord, string | null][] = [
	[rec('2026-10-31T23:59:59.999Z', 1, 1), null],
	[rec('2026-11-01T00:00:00.000Z', 10, 20, 30, 40), '1'],
	[rec('2026-11-02T13:00:00.000Z', 100, 200, 300, 400), '1'],
	[rec('2026-11-03T23:59:59.999Z', 5, 5, 5, 5), '1'], // date-only Completed holds its whole day
	[rec('2026-11-04T00:00:00.000Z', 7, 8, 9, 10), '2'],
	[rec('2026-11-05T11:59:59.000Z', 1000, 2000, 3000, 4000), '2'],
	[rec('2026-11-05T12:00:00.000Z', 11, 12, 13, 14), '3'], // both cover the instant: latest started wins
	[rec('2027-01-01T00:00:00.000Z', 50, 60, 70, 80), '3'] // still running
];

function expected(id: string | null, counts = { input: true, output: true, cacheWrite: true, cacheRead: false }) {
	const mine = CASES.filter(([, p]) => p === id).map(([r]) => r);
	let input = 0, output = 0, cacheWrite = 0, cacheRead = 0;
	for (const r of mine) {
		input += r.input;
		output += r.output;
		cacheWrite += r.cacheWrite;
		cacheRead += r.cacheRead;
	}
	const spend = (counts.input ? input : 0) + (counts.output ? output : 0) + (counts.cacheWrite ? cacheWrite : 0) + (counts.cacheRead ? cacheRead : 0);
	return { input, output, cacheWrite, cacheRead, spend, records: mine.length };
}

describe('assignToPhases', () => {
	const phases = parsePlan(PLAN).phases;
	const records = CASES.map(([r]) => r);

	it('reads the phase dates from the parsed plan', () => {
		expect(phases.map((p) => [p.id, p.started, p.completed])).toEqual([
			['1', '2026-11-01', '2026-11-03'],
			['2', '2026-11-04', '2026-11-05 12:00Z'],
			['3', '2026-11-05 12:00Z', null]
		]);
	});

	it('puts each record in the phase in progress at its time, date-only boundaries included', () => {
		const a = assignToPhases(records, phases);
		expect(a.phases).toEqual(['1', '2', '3'].map((id) => ({ phaseId: id, ...expected(id) })));
		expect(a.unassigned).toEqual(expected(null));
		expect(a.total.records).toBe(CASES.length);
		expect(a.total.spend).toBe(a.phases.reduce((s, p) => s + p.spend, 0) + a.unassigned.spend);
		expect(a.undated).toEqual([]);
	});

	it('counts only the chosen token kinds as spend, keeping every kind shown', () => {
		const all = { input: true, output: true, cacheWrite: true, cacheRead: true };
		const outOnly = { input: false, output: true, cacheWrite: false, cacheRead: false };
		expect(assignToPhases(records, phases, { counts: all }).phases[1]).toEqual({ phaseId: '2', ...expected('2', all) });
		const p2 = assignToPhases(records, phases, { counts: outOnly }).phases[1];
		expect(p2.spend).toBe(2008);
		expect(p2.cacheRead).toBe(4010);
	});

	it('sends records no phase covers to the fallback phase', () => {
		const a = assignToPhases(records, phases, { fallbackPhase: '3' });
		const e = expected('3');
		const early = expected(null);
		expect(a.phases[2]).toMatchObject({ input: e.input + early.input, output: e.output + early.output, records: e.records + early.records });
		expect(a.unassigned.records).toBe(0);
		expect(() => assignToPhases(records, phases, { fallbackPhase: '9' })).toThrow(RangeError);
	});

	it('lets a sub-phase started inside its parent take its own records', () => {
		const plan = parsePlan(`# P

## Phase 3: Tools
**Started**: 2026-11-01

### Phase 3.1: Fixes
**Started**: 2026-11-03
**Completed**: 2026-11-03

- [x] fix
`);
		const all = allPhases(plan);
		expect(all.map((p) => p.id)).toEqual(['3', '3.1']);
		const a = assignToPhases([rec('2026-11-02T10:00:00Z', 1, 0), rec('2026-11-03T10:00:00Z', 0, 2), rec('2026-11-04T10:00:00Z', 4, 0)], all);
		expect(a.phases.map((p) => [p.phaseId, p.spend])).toEqual([
			['3', 5],
			['3.1', 2]
		]);
	});

	it('lists phases it cannot place in time, and takes U+2011 hyphens and offsets', () => {
		const ps = [
			phase('A', { started: null, completed: '2026-11-02' }),
			phase('B', { started: '2026\u201111\u201102', completed: '2026\u201111\u201102' }),
			phase('C', { started: '2026-11-03T09:00:00+02:00', completed: 'soon' })
		];
		const a = assignToPhases([rec('2026-11-02T23:00:00Z', 1, 0), rec('2026-11-03T06:59:00Z', 0, 1), rec('2026-11-03T07:00:00Z', 0, 10)], ps);
		expect(a.undated).toEqual(['A']);
		expect(a.phases.map((p) => p.spend)).toEqual([0, 1, 10]);
		expect(a.unassigned.spend).toBe(1);
	});

	it('keeps a record with an unreadable time out of every phase', () => {
		const a = assignToPhases([rec('whenever', 5, 5)], phases, { fallbackPhase: '1' });
		expect(a.unassigned.records).toBe(1);
		expect(a.phases[0].records).toBe(0);
	});
});

describe('readPhaseDate', () => {
	it('reads the date forms plans use', () => {
		expect(readPhaseDate('2026-11-02')).toEqual({ ms: Date.UTC(2026, 10, 2), dateOnly: true });
		expect(readPhaseDate('2026-11-02 14:00Z')).toEqual({ ms: Date.UTC(2026, 10, 2, 14), dateOnly: false });
		expect(readPhaseDate('2026-11-02 14:00 UTC')).toEqual({ ms: Date.UTC(2026, 10, 2, 14), dateOnly: false });
		expect(readPhaseDate('2026-11-02T14:00:30.5-0130')).toEqual({ ms: Date.UTC(2026, 10, 2, 15, 30, 30, 500), dateOnly: false });
		expect(readPhaseDate('Started 2026-11-02 (Monday)')).toEqual({ ms: Date.UTC(2026, 10, 2), dateOnly: true });
		expect(readPhaseDate('next week')).toBeNull();
		expect(readPhaseDate(null)).toBeNull();
		expect(readPhaseDate('2026-13-45')).toBeNull();
	});
});
