import { createRequire } from 'node:module';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { manifestPlugin } from './scripts/vite-manifest-plugin.js';
import { gitSpeedPlugin } from './scripts/vite-git-speed-plugin.js';

const require = createRequire(import.meta.url);

/**
 * The git worker parses plans (sync replays panel edits), but has no `document`: micromark's
 * entity decoder must take its worker build there, not the DOM one the `browser` condition picks.
 */
function workerSafeEntities(): Plugin {
	const nodeBuild = require.resolve('decode-named-character-reference').replace(/index\.dom\.js$/, 'index.js');
	return {
		name: 'waymark-worker-safe-entities',
		enforce: 'pre',
		resolveId(id) {
			return id === 'decode-named-character-reference' ? nodeBuild : null;
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), manifestPlugin()],
	worker: { format: 'es', plugins: () => [workerSafeEntities(), gitSpeedPlugin()] },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
