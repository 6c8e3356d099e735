/**
 * The phased plan the phase tests (unit and e2e) complete, start and import spend into, with
 * hand-computed figures: phase 2 has 400K–600K × 1.5 = 600K–900K adjusted and 300K spent, so
 * completing it as is gives 50% under; after "+ tokens" 60K and 30K it has 390K, 35% under.
 */
export const PHASES_PLAN_PATH = 'docs/development/V1.2.0_IMPLEMENTATION_PLAN.md';

export const PHASES_PLAN = [
	'# V1.2.0 Implementation Plan',
	'',
	'## Purpose',
	'',
	'Authentication in three phases.',
	'',
	'## Phase 1: Foundation',
	'',
	'**Status**: Complete',
	'**Started**: 2026-11-01',
	'**Completed**: 2026-11-05',
	'**Token Budget**: 500K-800K tokens',
	'**Tokens Spent**: 600K tokens',
	'',
	'- [x] JWT service',
	'',
	'## Phase 2: Integration',
	'',
	'**Status**: In Progress',
	'**Started**: 2026-11-06',
	'**Depends on**: Phase 1',
	'**Token Budget**: 400K-600K tokens',
	'**Reality Check**: 🟡 Normal Chaos (1.5x)',
	'**Tokens Spent**: 300K tokens',
	'',
	'- [x] Login endpoint',
	'- [ ] Middleware integration',
	'- [ ] Session tests',
	'',
	'## Phase 3: Polish',
	'',
	'**Status**: Not Started',
	'**Depends on**: Phase 2',
	'**Token Budget**: 300K-500K tokens',
	'',
	'- [ ] Error handling',
	'',
	'## Decision Log',
	'',
	'- Decision: Use PyJWT.',
	'  Rationale: Simple API.',
	''
].join('\n');

export const PHASES_ROADMAP = [
	'# Roadmap',
	'',
	'## Current Work',
	'',
	'- Phase 2: Integration (started 2026-11-06)',
	'',
	'## What We Just Finished',
	'',
	'- Phase 1: Foundation (completed 2026-11-05)',
	''
].join('\n');
