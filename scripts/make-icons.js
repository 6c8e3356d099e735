// Draws Waymark's app icons (a white waypoint flag on a brand-blue tile) as real PNGs
// with nothing but node:zlib, so the icons can be regenerated without image tools.
// Usage: node scripts/make-icons.js  → static/icons/icon-192.png, icon-512.png, icon-maskable-512.png
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BRAND = [0x1f, 0x4e, 0x79];
const WHITE = [0xff, 0xff, 0xff];
/** Samples per pixel edge for anti-aliasing (SS × SS samples per pixel). */
const SS = 4;

/** CRC-32 table for PNG chunk checksums. */
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 of a byte sequence, as PNG chunks need. */
function crc32(bytes) {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC over type and data. */
function chunk(type, data) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** Encodes straight RGBA pixels (width × height × 4 bytes) as an 8-bit RGBA PNG. */
export function encodePng(width, height, rgba) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 6; // colour type RGBA
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (width * 4 + 1)] = 0; // filter: none
		rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** True when (x, y) lies in the rounded rectangle [x0,x1]×[y0,y1] with corner radius r. */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
	if (x < x0 || x > x1 || y < y0 || y > y1) return false;
	const cx = Math.min(Math.max(x, x0 + r), x1 - r);
	const cy = Math.min(Math.max(y, y0 + r), y1 - r);
	return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** True when (x, y) lies inside the polygon (even-odd rule). */
function inPolygon(x, y, points) {
	let inside = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i];
		const [xj, yj] = points[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/**
 * The mark in unit coordinates centred on (0.5, 0.5): a pole with a round foot and a
 * swallow-tailed flag. Every point lies within 0.37 of the centre.
 */
function inMark(x, y) {
	const pole = inRoundRect(x, y, 0.335, 0.2, 0.385, 0.76, 0.025);
	const foot = (x - 0.36) ** 2 + (y - 0.76) ** 2 <= 0.065 ** 2;
	const flag = inPolygon(x, y, [
		[0.385, 0.22],
		[0.735, 0.22],
		[0.635, 0.355],
		[0.735, 0.49],
		[0.385, 0.49]
	]);
	return pole || foot || flag;
}

/**
 * Renders one icon. `maskable` fills the whole square with the brand colour (the platform
 * applies its own mask) and shrinks the mark so it stays inside the central 80 % circle.
 */
function renderIcon(size, maskable) {
	const rgba = Buffer.alloc(size * size * 4);
	const markScale = maskable ? 0.8 : 1;
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let tile = 0;
			let mark = 0;
			for (let sy = 0; sy < SS; sy++) {
				for (let sx = 0; sx < SS; sx++) {
					const x = (px + (sx + 0.5) / SS) / size;
					const y = (py + (sy + 0.5) / SS) / size;
					const onTile = maskable || inRoundRect(x, y, 0, 0, 1, 1, 0.2);
					if (!onTile) continue;
					tile++;
					const mx = 0.5 + (x - 0.5) / markScale;
					const my = 0.5 + (y - 0.5) / markScale;
					if (inMark(mx, my)) mark++;
				}
			}
			const n = SS * SS;
			const i = (py * size + px) * 4;
			// Colour is the mark/tile mix over the covered samples; alpha is the tile coverage.
			const t = tile === 0 ? 0 : mark / tile;
			for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BRAND[c] * (1 - t) + WHITE[c] * t);
			rgba[i + 3] = Math.round((255 * tile) / n);
		}
	}
	return encodePng(size, size, rgba);
}

/** Writes every icon the manifest lists into static/icons/. */
function main() {
	const dir = fileURLToPath(new URL('../static/icons/', import.meta.url));
	mkdirSync(dir, { recursive: true });
	writeFileSync(dir + 'icon-192.png', renderIcon(192, false));
	writeFileSync(dir + 'icon-512.png', renderIcon(512, false));
	writeFileSync(dir + 'icon-maskable-512.png', renderIcon(512, true));
	console.log('wrote static/icons/icon-192.png, icon-512.png, icon-maskable-512.png');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
