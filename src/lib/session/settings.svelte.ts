/** The author settings as editable state, saved as they change. */
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '$lib/store';

/** Author name and email used for commits. */
export class SettingsState {
	authorName = $state(DEFAULT_SETTINGS.authorName);
	authorEmail = $state(DEFAULT_SETTINGS.authorEmail);
	phaseMessage = $state(DEFAULT_SETTINGS.phaseMessage);
	loaded = $state(false);

	/** Reads the saved settings. */
	async load(): Promise<void> {
		const s = await loadSettings();
		this.authorName = s.authorName;
		this.authorEmail = s.authorEmail;
		this.phaseMessage = s.phaseMessage;
		this.loaded = true;
	}

	/** Writes the current values. */
	async save(): Promise<void> {
		await saveSettings({ authorName: this.authorName.trim(), authorEmail: this.authorEmail.trim(), phaseMessage: this.phaseMessage.trim() || DEFAULT_SETTINGS.phaseMessage });
	}
}
