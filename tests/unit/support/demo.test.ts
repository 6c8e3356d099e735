import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, ensureDemoRepo } from '../../support/demo';
import { fsckStrict, git, readRemoteFile, remoteLog } from '../../support/repos';

const root = mkdtempSync(path.join(os.tmpdir(), 'waymark-demo-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('demo repository', () => {
	it('holds every file of demo/ on main, byte for byte', () => {
		const { path: bare, created } = ensureDemoRepo(root);
		expect(created).toBe(true);
		const files = git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n');
		expect(files).toEqual([
			'README.md',
			'ROADMAP.md',
			'assets/logo.svg',
			'docs/development/V1.0.0_PHASE_1.md',
			'docs/development/V1.0.0_PHASE_2.md',
			'docs/milestones/m1-sync/01_schema.md',
			'docs/milestones/m1-sync/02_sync-engine.md',
			'docs/milestones/m1-sync/03_ui.md',
			'docs/plans/waymark-demo-execplan.md',
			'src/app.js'
		]);
		for (const f of files) expect(readRemoteFile(bare, f)).toBe(readFileSync(path.join(DEMO_DIR, f), 'utf8'));
		expect(git(bare, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
		expect(() => fsckStrict(bare)).not.toThrow();
	});

	it('has the plan shapes the demo is meant to show', () => {
		const read = (f: string) => readFileSync(path.join(DEMO_DIR, f), 'utf8');
		const plan = read('docs/plans/waymark-demo-execplan.md');
		for (const h of ['## Progress', '## Surprises & Discoveries', '## Decision Log', '## Outcomes & Retrospective', '### Phase 1: ', '### Phase 2: ']) {
			expect(plan).toContain(h);
		}
		expect(plan).toMatch(/^- \[x\] \(2026-11-20 09:00Z\) /m);
		expect(plan).toMatch(/^- \[ \] /m);
		const phase2 = read('docs/development/V1.0.0_PHASE_2.md');
		expect(phase2).toContain('**Depends on**: Phase 1');
		const phase1 = read('docs/development/V1.0.0_PHASE_1.md');
		for (const field of ['**Token Budget**: 500K-800K tokens', '**Reality Check**: 🟡 Normal Chaos (1.5x)', '**Tokens Spent**: ~250K tokens']) {
			expect(phase1).toContain(field);
		}
		expect(read('docs/milestones/m1-sync/01_schema.md')).toMatch(/^# ✅ Step 01:/);
		expect(read('docs/milestones/m1-sync/02_sync-engine.md')).toMatch(/^- \[ \] /m);
	});

	it('keeps pushed work across restarts and starts over on reset', () => {
		const bare = ensureDemoRepo(root).path;
		const first = remoteLog(bare)[0].hash;
		git(bare, 'update-ref', 'refs/heads/main', git(bare, 'commit-tree', '-p', first, '-m', 'Pushed by a newcomer', `${first}^{tree}`));
		expect(ensureDemoRepo(root)).toEqual({ path: bare, created: false });
		expect(remoteLog(bare)[0].subject).toBe('Pushed by a newcomer');
		expect(ensureDemoRepo(root, { reset: true }).created).toBe(true);
		expect(remoteLog(bare).map((c) => c.subject)).toEqual(['Tidepool demo: plans for v1.0.0 offline sync']);
	});
});
