/**
 * What changed between two dossier versions of a proposal: the fields of the form that produced them, in the
 * form's order, plus any detail the form does not know (a dossier written by an older form or through the api),
 * and the attachments added or removed (compared by content hash, so a re-uploaded identical file is no change).
 */
import { diffWords } from 'diff';
import { allFields, valueAt, type FieldSpec, type Kind } from './proposal-schema';
import type { AttachmentRef, DossierVersion } from './types';

export interface FieldChange {
  path: string;
  /** The form's field, or null for a detail the form does not describe. */
  spec: FieldSpec | null;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: unknown;
  after: unknown;
  /** Word-level changes of a text field (both sides are text), in reading order. */
  words?: { text: string; op: 'SAME' | 'ADDED' | 'REMOVED' }[];
}

export interface DossierDiff {
  fields: FieldChange[];
  attachmentsAdded: AttachmentRef[];
  attachmentsRemoved: AttachmentRef[];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Canonical JSON (keys sorted) so that `{a,b}` and `{b,a}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Leaf paths of an object (arrays are leaves), prefixed. */
function leafPaths(value: unknown, prefix: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.keys(value).flatMap((k) => leafPaths((value as Record<string, unknown>)[k], `${prefix}.${k}`));
}

function compare(path: string, spec: FieldSpec | null, before: unknown, after: unknown): FieldChange | null {
  if (isEmpty(before) && isEmpty(after)) return null;
  if (canonical(before) === canonical(after)) return null;
  const change = isEmpty(before) ? 'ADDED' : isEmpty(after) ? 'REMOVED' : 'CHANGED';
  const result: FieldChange = { path, spec, change, before, after };
  if (change === 'CHANGED' && typeof before === 'string' && typeof after === 'string' && (spec === null || spec.type === 'text')) {
    result.words = diffWords(before, after).map((part) => ({
      text: part.value,
      op: part.added ? 'ADDED' : part.removed ? 'REMOVED' : 'SAME',
    }));
  }
  return result;
}

export function diffDossiers(kind: Kind, older: DossierVersion, newer: DossierVersion): DossierDiff {
  // procedure and urgency belong to the proposal, not to a dossier version.
  const specs = allFields(kind).filter((f) => f.path !== 'procedure' && f.path !== 'urgency');
  const known = new Set(specs.map((f) => f.path));
  const fields: FieldChange[] = [];
  for (const spec of specs) {
    const change = compare(spec.path, spec, valueAt(older.content, spec.path), valueAt(newer.content, spec.path));
    if (change) fields.push(change);
  }
  const unknown = new Set(
    [...leafPaths(older.content.details ?? {}, 'details'), ...leafPaths(newer.content.details ?? {}, 'details')].filter(
      (p) => p !== 'details' && !known.has(p),
    ),
  );
  for (const path of [...unknown].sort()) {
    const change = compare(path, null, valueAt(older.content, path), valueAt(newer.content, path));
    if (change) fields.push(change);
  }
  const hashes = (v: DossierVersion) => new Set((v.attachments ?? []).map((a) => a.sha256));
  const olderHashes = hashes(older);
  const newerHashes = hashes(newer);
  return {
    fields,
    attachmentsAdded: (newer.attachments ?? []).filter((a) => !olderHashes.has(a.sha256)),
    attachmentsRemoved: (older.attachments ?? []).filter((a) => !newerHashes.has(a.sha256)),
  };
}
