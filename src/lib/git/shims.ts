/**
 * Globals isomorphic-git and lightning-fs expect, installed before either is imported:
 * `global` (lightning-fs in a module worker reads it) and `Buffer` (isomorphic-git needs it).
 * Import this module first in the worker.
 */
import { Buffer } from 'buffer';

const scope = globalThis as unknown as { global?: unknown; Buffer?: unknown };
scope.global ??= globalThis;
scope.Buffer ??= Buffer;

/** Marker so the import cannot be tree-shaken away. */
export const shimsInstalled = true;
