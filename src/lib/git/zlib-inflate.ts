/**
 * pako's low-level zlib inflate (the same pako isomorphic-git uses), typed: one stream can be
 * reset and reused for many objects, and tells where each compressed object ends.
 */
// @ts-expect-error pako 1 ships no types for its zlib internals
import * as inflateModule from 'pako/lib/zlib/inflate.js';
// @ts-expect-error pako 1 ships no types for its zlib internals
import ZStreamClass from 'pako/lib/zlib/zstream.js';

/** A zlib stream's state as pako keeps it (the fields this project reads and sets). */
export interface ZStreamState {
	input: Uint8Array | null;
	next_in: number;
	avail_in: number;
	total_in: number;
	output: Uint8Array | null;
	next_out: number;
	avail_out: number;
	total_out: number;
	msg: string;
	adler: number;
	state: InflateState;
}

/** pako's inflate state: the fields a reset sets (names as in zlib's inflate.c). */
interface InflateState {
	wsize: number;
	whave: number;
	wnext: number;
	total: number;
	wrap: number;
	mode: number;
	last: number;
	havedict: number;
	dmax: number;
	head: unknown;
	hold: number;
	bits: number;
	lencode: unknown;
	lendyn: unknown;
	distcode: unknown;
	distdyn: unknown;
	sane: number;
	back: number;
}

interface InflateApi {
	inflateInit2(strm: ZStreamState, windowBits: number): number;
	inflate(strm: ZStreamState, flush: number): number;
}

const api = inflateModule as unknown as InflateApi;

/** A new zlib stream. */
export const ZStream = ZStreamClass as unknown as new () => ZStreamState;
/** Sets up `strm` for zlib data with a window of 2^`windowBits` bytes (15 for git's objects). */
export const inflateInit2 = (strm: ZStreamState, windowBits: number): number => api.inflateInit2(strm, windowBits);

/**
 * zlib's inflateReset, without the two code tables pako allocates on every reset (zlib points
 * them into one fixed array; they are rebuilt for every dynamic block anyway), so one stream
 * inflates thousands of small objects without garbage. Mirrors pako 1.0.11's inflateReset.
 */
export function inflateReset(strm: ZStreamState): void {
	const s = strm.state;
	s.wsize = 0;
	s.whave = 0;
	s.wnext = 0;
	strm.total_in = 0;
	strm.total_out = 0;
	s.total = 0;
	strm.msg = '';
	if (s.wrap) strm.adler = s.wrap & 1;
	s.mode = HEAD;
	s.last = 0;
	s.havedict = 0;
	s.dmax = 32768;
	s.head = null;
	s.hold = 0;
	s.bits = 0;
	s.lencode = s.lendyn;
	s.distcode = s.distdyn;
	s.sane = 1;
	s.back = -1;
}
/** Inflates from `strm.input` at `next_in` into `strm.output` at `next_out`; returns zlib's code. */
export const inflate = (strm: ZStreamState, flush: number): number => api.inflate(strm, flush);
/** pako's inflate mode "waiting for the zlib header". */
const HEAD = 1;
/** zlib's flush mode "finish" and the return code "stream end". */
export const Z_FINISH = 4;
export const Z_STREAM_END = 1;
