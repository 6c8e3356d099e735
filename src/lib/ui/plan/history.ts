/**
 * Reading commit messages for the history view: which phase a commit completed. Matches the
 * default `feat(plan): complete Phase N — <title>` and the plain forms people write by hand
 * ("Complete phase 2", "Phase 3 complete", "completes step 04").
 */
const PATTERNS = [
	/\bcomplet(?:e|es|ed|ing)\s+(?:phase|step|milestone)\s+([\w.-]+)/i,
	/\b(?:phase|step|milestone)\s+([\w.-]+)\s+(?:is\s+)?complet(?:e|ed)\b/i
];

/** The phase id a commit message says it completed, or null. */
export function phaseOfMessage(message: string): string | null {
	const subject = message.split('\n')[0];
	for (const re of PATTERNS) {
		const m = re.exec(subject);
		if (m) return m[1].replace(/[.:,;]+$/, '');
	}
	return null;
}
