/** Public surface of the store layer (the only place that imports idb-keyval). */
export { SCHEMA_VERSION, wipeStore } from './db';
export { listRepos, saveRepo, removeRepo, findRepo, type RepoRecord } from './repos';
export { loadSettings, saveSettings, DEFAULT_SETTINGS, type Settings } from './settings';
export { rememberedToken, rememberToken, forgetToken } from './tokens';
