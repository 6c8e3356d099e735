/**
 * Vite plugin for the git worker: two exact, checked edits to dependencies' code that the time
 * to a first plan depends on. The build fails when a dependency's code changed so an edit no
 * longer applies, rather than silently keeping the slow path.
 *
 * - isomorphic-git indexes every fetched pack with its own indexer (a new inflater and a growing
 *   buffer per object, WebCrypto per hash) after writing the pack; in `_fetch` that is pointed at
 *   Waymark's indexer (src/lib/git/pack-index.ts), which checks the pack's checksum and writes the
 *   same `.idx` bytes as `git index-pack`, while the pack is being written.
 * - lightning-fs clears its "close the database after 500 ms idle" timer only when none is set
 *   (an inverted test), so every file operation leaves a live timer behind and thousands pile up
 *   during a clone. The test is turned the right way round.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INDEXER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/lib/git/pack-index.ts');

/** @type {{ file: RegExp, find: string, replace: string, prepend?: string }[]} */
export const EDITS = [
	{
		file: /[\\/]node_modules[\\/]isomorphic-git[\\/]index\.js$/,
		find: `    await fs.write(fullpath, packfile);
    const getExternalRefDelta = oid => _readObject({ fs, cache, gitdir, oid });
    const idx = await GitPackIndex.fromPack({
      pack: packfile,
      getExternalRefDelta,
      onProgress,
    });
    await fs.write(fullpath.replace(/\\.pack$/, '.idx'), await idx.toBuffer());`,
		replace: `    const getExternalRefDelta = oid => _readObject({ fs, cache, gitdir, oid });
    const [, { idx: waymarkIdx }] = await Promise.all([
      fs.write(fullpath, packfile),
      waymarkIndexPack(packfile, { external: getExternalRefDelta, onProgress }),
    ]);
    await fs.write(fullpath.replace(/\\.pack$/, '.idx'), waymarkIdx);`,
		prepend: `import { indexPack as waymarkIndexPack } from ${JSON.stringify(INDEXER)};\n`
	},
	{
		file: /[\\/]node_modules[\\/]@isomorphic-git[\\/]lightning-fs[\\/]src[\\/]PromisifiedFS\.js$/,
		find: 'if (!this._deactivationTimeout) clearTimeout(this._deactivationTimeout)',
		replace: 'if (this._deactivationTimeout) clearTimeout(this._deactivationTimeout)'
	}
];

/** @returns {import('vite').Plugin} */
export function gitSpeedPlugin() {
	return {
		name: 'waymark-git-speed',
		enforce: 'pre',
		transform(code, id) {
			const file = id.split('?')[0];
			const edit = EDITS.find((e) => e.file.test(file));
			if (!edit) return null;
			const at = code.indexOf(edit.find);
			if (at < 0 || code.indexOf(edit.find, at + 1) >= 0) {
				throw new Error(`waymark-git-speed: the code to edit in ${file} changed; update scripts/vite-git-speed-plugin.js`);
			}
			return { code: (edit.prepend ?? '') + code.replace(edit.find, edit.replace), map: null };
		}
	};
}
