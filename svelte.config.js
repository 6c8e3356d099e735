import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Base path for static hosts that serve Waymark below the domain root (e.g. GitHub Pages). */
const base = process.env.WAYMARK_BASE ?? '';
/**
 * `WAYMARK_BUILD_DIR=build-x` builds into another folder (and its own SvelteKit output
 * folder), so parallel work on one checkout does not overwrite the build e2e tests serve.
 */
const buildDir = process.env.WAYMARK_BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: buildDir, assets: buildDir, fallback: 'index.html', strict: true }),
		...(buildDir === 'build' ? {} : { outDir: `.svelte-kit-${buildDir}` }),
		paths: { base, relative: false },
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// CodeMirror and Svelte transitions inject <style> elements at run time.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				// Git remotes and CORS proxies are configured by the person at run time,
				// so fetch() must be allowed to reach any http(s) origin they type in.
				'connect-src': ['self', 'http:', 'https:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
