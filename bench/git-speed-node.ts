/**
 * Imported first by bench:git: isomorphic-git's CommonJS build gets the worker build's edits
 * (scripts/vite-git-speed-plugin.js), so the Node cases run the code the git worker runs.
 */
import Module from 'node:module';
import { applyGitSpeedEditsInNode } from '../scripts/vite-git-speed-plugin.js';

applyGitSpeedEditsInNode(Module);
