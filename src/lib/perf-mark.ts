/**
 * User Timing marks (`waymark:<name>`) at the steps of a clone and of opening a plan: they show
 * in the browser's performance tools, and bench:git reads them to say where the time goes.
 */

/** Marks `name` now, replacing its earlier mark (nothing happens where User Timing is missing). */
export function perfMark(name: string): void {
	try {
		globalThis.performance?.clearMarks?.(`waymark:${name}`);
		globalThis.performance?.mark?.(`waymark:${name}`);
	} catch {
		// no User Timing here
	}
}
