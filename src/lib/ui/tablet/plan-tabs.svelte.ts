/**
 * The plan screen below 1024 px: the editor takes the width and the panels become tabs
 * (Editor, Outline, Progress, Phases, Budget, Notes — Notes holds Surprises, Decisions, Outcomes
 * and Open questions). Above that width every pane shows side by side and there are no tabs.
 */

/** One tab of the narrow plan screen. */
export type PlanTabId = 'editor' | 'outline' | 'progress' | 'phases' | 'budget' | 'notes';

/** The tabs, in order, with their visible (and accessible) names. */
export const PLAN_TABS: readonly { id: PlanTabId; label: string }[] = [
	{ id: 'editor', label: 'Editor' },
	{ id: 'outline', label: 'Outline' },
	{ id: 'progress', label: 'Progress' },
	{ id: 'phases', label: 'Phases' },
	{ id: 'budget', label: 'Budget' },
	{ id: 'notes', label: 'Notes' }
];

/** Below this width the panels become tabs (CSS uses the same bound). */
export const NARROW_QUERY = '(max-width: 1023px)';

/** Attributes a tab panel carries while the tabs are shown. */
export type TabPanelAttrs = { role?: 'tabpanel'; id?: string; 'aria-labelledby'?: string };

/** Which tab is open, and whether the screen is narrow enough to show tabs. */
export class PlanTabs {
	current = $state<PlanTabId>('editor');
	narrow = $state(false);

	/** Follows the viewport width; returns the stop. */
	watch(): () => void {
		const mq = window.matchMedia?.(NARROW_QUERY);
		if (!mq) return () => {};
		const sync = () => (this.narrow = mq.matches);
		sync();
		mq.addEventListener('change', sync);
		return () => mq.removeEventListener('change', sync);
	}

	/** The attributes of tab `id`'s panel (none when the tabs are not shown). */
	panel(id: PlanTabId): TabPanelAttrs {
		return this.narrow ? { role: 'tabpanel', id: `wm-tabpanel-${id}`, 'aria-labelledby': `wm-tab-${id}` } : {};
	}

	/** Shows tab `id` (used when something needs a pane, e.g. the outline reveals a line in the editor). */
	show(id: PlanTabId): void {
		this.current = id;
	}
}
