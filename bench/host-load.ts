/**
 * What else the machine was doing while a benchmark ran, from /proc/stat (Linux): latencies on a
 * shared host move with its load, so a number is printed with the load it was measured under.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** CPU time counters summed over all CPUs, in clock ticks. */
export interface CpuTicks {
	busy: number;
	idle: number;
	steal: number;
}

/** The machine's CPU counters now, or null where /proc/stat does not exist. */
export function cpuTicks(): CpuTicks | null {
	if (!existsSync('/proc/stat')) return null;
	const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('cpu '));
	if (!line) return null;
	// user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
	const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
	return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal: steal || 0 };
}

/**
 * "host during the run: 2 CPUs, 55% busy, 0% stolen by the hypervisor" between two readings
 * (busy counts this benchmark's own browser and Node too).
 */
export function describeLoad(before: CpuTicks | null, after: CpuTicks | null): string {
	const cpus = os.cpus().length;
	if (!before || !after) return `host: ${cpus} CPUs (no /proc/stat: load unknown)`;
	const busy = after.busy - before.busy;
	const steal = after.steal - before.steal;
	const all = busy + steal + (after.idle - before.idle);
	if (all <= 0) return `host: ${cpus} CPUs`;
	const pct = (n: number): string => `${Math.round((100 * n) / all)}%`;
	return `host during the run: ${cpus} CPUs, ${pct(busy)} busy (this benchmark included), ${pct(steal)} stolen by the hypervisor`;
}
