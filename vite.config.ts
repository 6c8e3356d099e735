import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { manifestPlugin } from './scripts/vite-manifest-plugin.js';

export default defineConfig({
	plugins: [sveltekit(), manifestPlugin()],
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
