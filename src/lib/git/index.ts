/** Public surface of the git layer for the page side (the worker is reached only through the client). */
export { gitClient, GitClient, type GitCall } from './client';
export * from './errors';
export { authForHost, hostName } from './auth';
export { validateRepoUrl, validateProxyUrl, repoNameFromUrl, isMarkdownPath } from './url';
export type { CloneArgs, CloneResult, GitProgress, TreeFile } from './protocol';
export type { RemoteArgs, RecordedEdit, CommitArgs, CommitInfo, FileDiff, ConflictInfo, RepoStatus, SyncResult } from './protocol';
