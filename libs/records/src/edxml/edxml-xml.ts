import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EdxmlFieldError, EdxmlLimits, EdxmlOrgan } from './edxml.types';

/** A parsed element: text, or children by local name (namespace prefixes removed), repeated children as arrays. */
export type XmlNode = string | { [name: string]: XmlValue };
type XmlValue = XmlNode | XmlNode[];

export const xmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  // Escapes & < > " ' in text: the builder's own entity handling, not a DTD.
  processEntities: true,
  suppressEmptyNode: false,
});

export const XML_DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/**
 * Parses a package from outside with no DTD: DOCTYPE and ENTITY declarations are refused before parsing (XXE, billion
 * laughs), the parser does not process entities at all, and only the five predefined XML entities and character
 * references are decoded afterwards, by `decodeEntities`. Namespace prefixes are dropped: senders use `edXML:`, another
 * prefix or a default namespace for the same elements.
 */
export function parseXml(xml: unknown, limits: EdxmlLimits): { root: { [name: string]: XmlValue } } | { errors: EdxmlFieldError[] } {
  const refuse = (message: string) => ({ errors: [{ field: 'xml', message }] });
  if (typeof xml !== 'string' || xml.trim() === '') return refuse('an XML document is required');
  if (xml.length > limits.maxXmlChars) return refuse(`the package is larger than ${limits.maxXmlChars} characters`);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) return refuse('DOCTYPE and ENTITY declarations are not accepted');
  const wellFormed = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (wellFormed !== true) return refuse(`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: limits.maxDepth,
    // Kept apart so that CDATA text (some senders wrap subjects and base64 in it) is taken literally, not entity-decoded.
    cdataPropName: CDATA,
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (e) {
    return refuse(`XML refused: ${(e as Error).message}`);
  }
  try {
    return { root: decodeTree(parsed) as { [name: string]: XmlValue } };
  } catch (e) {
    return refuse((e as Error).message);
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 Char production: what a character reference may name. */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** Any other `&name;` would need a DTD we refuse, so it is an error rather than left as text. */
export function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error('a bare "&" in text: not well-formed XML');
    if (Object.hasOwn(PREDEFINED, ref)) return PREDEFINED[ref]!;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (numeric) {
      const cp = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      if (!isXmlChar(cp)) throw new Error(`character reference &${ref}; is not an XML character`);
      return String.fromCodePoint(cp);
    }
    throw new Error(`entity reference &${ref}; is not accepted (no DTD, no entities)`);
  });
}

const CDATA = '__cdata';

function decodeTree(value: unknown): unknown {
  if (typeof value === 'string') return decodeEntities(value);
  if (Array.isArray(value)) return value.map(decodeTree);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.includes(CDATA) && keys.every((k) => k === CDATA || k === '#text')) {
      const text = (value as Record<string, unknown>)['#text'];
      const cdata = (value as Record<string, unknown>)[CDATA];
      return decodeEntities(typeof text === 'string' ? text : '') + (Array.isArray(cdata) ? cdata.join('') : String(cdata));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: decodeTree(v), enumerable: true, writable: true });
    return out;
  }
  return value === undefined || value === null ? '' : String(value);
}

/** Reads fields out of parsed XML, collecting one error per bad field (named by its path in the Accord type). */
export class XmlReader {
  readonly errors: EdxmlFieldError[] = [];

  constructor(private readonly limits: EdxmlLimits) {}

  error(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** All children called `name` (none when absent). */
  all(node: XmlNode | undefined, name: string): XmlNode[] {
    if (node === undefined || typeof node === 'string' || !Object.hasOwn(node, name)) return [];
    const value = node[name]!;
    return Array.isArray(value) ? value : [value];
  }

  /** The one child called `name`; an error when there are several, or none and it is required. */
  one(node: XmlNode | undefined, name: string, field: string, required: boolean): XmlNode | undefined {
    const found = this.all(node, name);
    if (found.length > 1) this.error(field, `<${name}> appears ${found.length} times, once expected`);
    else if (found.length === 0 && required) this.error(field, `<${name}> is required`);
    return found[0];
  }

  text(node: XmlNode | undefined, name: string, field: string, options: { required: boolean; max?: number }): string | undefined {
    const child = this.one(node, name, field, options.required);
    if (child === undefined) return undefined;
    if (typeof child !== 'string') {
      this.error(field, `<${name}> must hold text, not elements`);
      return undefined;
    }
    if (child === '') {
      if (options.required) this.error(field, `<${name}> is empty`);
      return undefined;
    }
    const max = options.max ?? this.limits.maxFieldChars;
    if (child.length > max) {
      this.error(field, `<${name}> is longer than ${max} characters`);
      return undefined;
    }
    return child;
  }

  organ(node: XmlNode | undefined, field: string): EdxmlOrgan | undefined {
    if (node === undefined) return undefined;
    const organId = this.text(node, 'OrganId', `${field}.organId`, { required: true });
    const organName = this.text(node, 'OrganName', `${field}.organName`, { required: true });
    const optional = (name: string, key: string) => this.text(node, name, `${field}.${key}`, { required: false });
    const organ: EdxmlOrgan = { organId: organId ?? '', organName: organName ?? '' };
    const extras: [keyof EdxmlOrgan, string | undefined][] = [
      ['organizationInCharge', optional('OrganizationInCharge', 'organizationInCharge')],
      ['address', optional('OrganAdd', 'address')],
      ['email', optional('Email', 'email')],
      ['telephone', optional('Telephone', 'telephone')],
      ['fax', optional('Fax', 'fax')],
      ['website', optional('Website', 'website')],
    ];
    for (const [key, value] of extras) if (value !== undefined) organ[key] = value;
    return organ;
  }

  date(node: XmlNode | undefined, name: string, field: string, required: boolean): string | undefined {
    const raw = this.text(node, name, field, { required });
    if (raw === undefined) return undefined;
    const date = parseEdxmlDate(raw);
    if (date === undefined) this.error(field, `<${name}> "${raw}" is not a date (YYYY/MM/DD, YYYY-MM-DD or DD/MM/YYYY)`);
    return date;
  }
}

/** The organ's elements in the standard's order; optional ones only when present. */
export function organXml(organ: EdxmlOrgan): Record<string, string> {
  const out: Record<string, string> = { 'edXML:OrganId': organ.organId };
  if (organ.organizationInCharge !== undefined) out['edXML:OrganizationInCharge'] = organ.organizationInCharge;
  out['edXML:OrganName'] = organ.organName;
  const optional: [string, string | undefined][] = [
    ['edXML:OrganAdd', organ.address],
    ['edXML:Email', organ.email],
    ['edXML:Telephone', organ.telephone],
    ['edXML:Fax', organ.fax],
    ['edXML:Website', organ.website],
  ];
  for (const [name, value] of optional) if (value !== undefined) out[name] = value;
  return out;
}

/** Accord's YYYY-MM-DD as the axis writes dates: YYYY/MM/DD. */
export const toEdxmlDate = (isoDate: string): string => isoDate.replace(/-/g, '/');

/** YYYY/MM/DD (ours), YYYY-MM-DD, DD/MM/YYYY (seen from other senders) -> YYYY-MM-DD, or undefined. */
export function parseEdxmlDate(raw: string): string | undefined {
  const yearFirst = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(raw);
  const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  const iso = yearFirst
    ? `${yearFirst[1]}-${yearFirst[2]}-${yearFirst[3]}`
    : dayFirst
      ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}`
      : undefined;
  return iso !== undefined && isCalendarDate(iso) ? iso : undefined;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Vietnam has one time zone, UTC+7, and no summer time: the axis's local timestamps are read in it. */
const ICT_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An instant as `YYYY/MM/DD HH:mm:ss` in Vietnam time. */
export function toEdxmlTimestamp(instant: Date): string {
  const t = new Date(instant.getTime() + ICT_OFFSET_MS).toISOString();
  return `${t.slice(0, 10).replace(/-/g, '/')} ${t.slice(11, 19)}`;
}

/** `YYYY/MM/DD HH:mm:ss` or `DD/MM/YYYY HH:mm:ss` (Vietnam time) or ISO 8601 with a zone -> ISO instant, or undefined. */
export function parseEdxmlTimestamp(raw: string): string | undefined {
  const yearFirst = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  const local = yearFirst
    ? { date: `${yearFirst[1]}-${yearFirst[2]}-${yearFirst[3]}`, time: [yearFirst[4]!, yearFirst[5]!, yearFirst[6]!] }
    : dayFirst
      ? { date: `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}`, time: [dayFirst[4]!, dayFirst[5]!, dayFirst[6]!] }
      : undefined;
  if (local === undefined) return isIsoInstant(raw) ? new Date(Date.parse(raw)).toISOString() : undefined;
  const [h, mi, s] = local.time.map(Number) as [number, number, number];
  if (!isCalendarDate(local.date) || h > 23 || mi > 59 || s > 59) return undefined;
  return new Date(Date.parse(`${local.date}T${local.time.join(':')}+07:00`)).toISOString();
}

export const isIsoInstant = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
  isCalendarDate(value.slice(0, 10)) &&
  !Number.isNaN(Date.parse(value));
