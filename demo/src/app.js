// Tidepool survey form: records one visit to one rock pool.
const surveys = [];

/** Saves a survey in memory (Phase 1 replaces this with IndexedDB). */
export function saveSurvey(survey) {
	const id = `${survey.pool}-${survey.startedAt}`;
	surveys.push({ ...survey, id });
	return id;
}

/** Lists saved surveys, newest first. */
export function listSurveys() {
	return [...surveys].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
