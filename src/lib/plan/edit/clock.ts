/** Wall-clock parts of `opts.now` in `opts.timeZone`, so edits never read the system clock. */

/** Date and time fields as written into plans. */
export interface ClockParts {
	/** `YYYY-MM-DD`. */
	date: string;
	/** `HH:MM`. */
	time: string;
	/** `SS`. */
	seconds: string;
	/** `Z` in UTC, else `+HH:MM` / `-HH:MM`. */
	offset: string;
	/** True when the zone is UTC (offset zero and named UTC). */
	utc: boolean;
}

/** Splits `now` into the fields plans write, in `timeZone` (default UTC). */
export function clockParts(now: Date, timeZone = 'UTC'): ClockParts {
	if (Number.isNaN(now.getTime())) throw new RangeError(`Invalid date for plan edit: ${String(now)}`);
	const fmt = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	});
	const get = (type: string): string => fmt.formatToParts(now).find((p) => p.type === type)?.value ?? '00';
	const year = get('year').padStart(4, '0');
	const [month, day, hour, minute, second] = ['month', 'day', 'hour', 'minute', 'second'].map(get);
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	const offMin = Math.round((wall - Math.floor(now.getTime() / 1000) * 1000) / 60000);
	const abs = Math.abs(offMin);
	const offset =
		offMin === 0
			? 'Z'
			: `${offMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
	return {
		date: `${year}-${month}-${day}`,
		time: `${hour}:${minute}`,
		seconds: second,
		offset,
		utc: offMin === 0
	};
}
