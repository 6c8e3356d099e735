/**
 * Spend import (phases & token budgets): read agent usage logs in the browser — never uploaded —
 * and split the tokens over a plan's phases by time. Pure: text in, numbers out.
 */
export { parseUsageFile } from './detect';
export { parseClaudeJsonl } from './claude-jsonl';
export { parseCcusage, looksLikeCcusage } from './ccusage';
export type { CcusageParse } from './ccusage';
export { assignToPhases, readPhaseDate, DEFAULT_COUNTS } from './assign';
export type { AssignOptions, PhaseSpend, SpendAssignment, SpendCounts, TokenTotals } from './assign';
export { SpendImportError } from './errors';
export type { SpendImportErrorCode, SpendImportErrorJSON } from './errors';
export type { UsageImport, UsageParse, UsageRecord, UsageSource } from './types';
