import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuTicks, describeLoad } from '../../../bench/host-load';

describe('host load printed beside benchmark numbers', () => {
	it('gives busy and stolen shares of all CPU time between two readings', () => {
		const text = describeLoad({ busy: 100, idle: 500, steal: 0 }, { busy: 160, idle: 520, steal: 20 });
		// 60 busy + 20 stolen + 20 idle = 100 ticks
		expect(text).toMatch(/, 60% busy \(this benchmark included\), 20% stolen by the hypervisor$/);
	});

	it('says the load is unknown without readings, and reads /proc/stat where it exists', () => {
		expect(describeLoad(null, null)).toMatch(/load unknown/);
		const now = cpuTicks();
		if (existsSync('/proc/stat')) {
			expect(now).not.toBeNull();
			expect(now!.busy + now!.idle).toBeGreaterThan(0);
		} else expect(now).toBeNull();
	});
});
