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
		// A field typed into while the settings were being read keeps what was typed, and is saved:
		// overwriting it here also kept the browser from firing its change event on blur.
		let edited = false;
		if (this.authorName === DEFAULT_SETTINGS.authorName) this.authorName = s.authorName;
		else edited = true;
		if (this.authorEmail === DEFAULT_SETTINGS.authorEmail) this.authorEmail = s.authorEmail;
		else edited = true;
		if (this.phaseMessage === DEFAULT_SETTINGS.phaseMessage) this.phaseMessage = s.phaseMessage;
		else edited = true;
		this.loaded = true;
		if (edited) await this.save();
	}

	/** Writes the current values. */
	async save(): Promise<void> {
		await saveSettings({ authorName: this.authorName.trim(), authorEmail: this.authorEmail.trim(), phaseMessage: this.phaseMessage.trim() || DEFAULT_SETTINGS.phaseMessage });
	}
}
