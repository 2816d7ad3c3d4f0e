import { createHash } from 'node:crypto';
import {
  ACCORD_EDXML_NAMESPACE,
  DEFAULT_EDXML_LIMITS,
  EDXML_NAMESPACE,
  EDXML_PRIORITY_CODES,
  EdxmlValidationError,
  type EdxmlAttachment,
  type EdxmlDocument,
  type EdxmlErrors,
  type EdxmlFieldError,
  type EdxmlLimits,
  type EdxmlOrgan,
  type EdxmlPriority,
  type EdxmlResponseFor,
} from './edxml.types';
import {
  XML_DECLARATION,
  XmlReader,
  isCalendarDate,
  organXml,
  parseXml,
  toEdxmlDate,
  toEdxmlTimestamp,
  xmlBuilder,
  type XmlNode,
} from './edxml-xml';

export const sha256Hex = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

export interface BuildEdxmlOptions {
  /** The TraceHeader's timestamp (when Accord hands the package to the axis); defaults to now. */
  sentAt?: Date;
  limits?: EdxmlLimits;
}

/** `TraceHeaderList/Bussiness/BussinessDocType`: 0 is a new document (1 revoke, 2 update, 3 replace: not used by Accord). */
const BUSINESS_DOC_TYPE_NEW = '0';

/**
 * The document as an edXML package (docs/records.md "edXML (QCVN 102:2016/BTTTT)"). Throws `EdxmlValidationError` when
 * the document is not complete enough to be exchanged (no number yet, no recipient...).
 */
export function buildEdxmlPackage(doc: EdxmlDocument, options: BuildEdxmlOptions = {}): string {
  const errors = validateEdxmlDocument(doc, options.limits ?? DEFAULT_EDXML_LIMITS);
  if (errors.length > 0) throw new EdxmlValidationError(errors);
  const contentIds = doc.attachments.map((_, i) => `cid:attachment-${i + 1}`);
  const envelope = {
    'edXML:edXMLHeader': {
      'edXML:MessageHeader': messageHeaderXml(doc),
      'edXML:TraceHeaderList': {
        'edXML:TraceHeader': { 'edXML:OrganId': doc.from.organId, 'edXML:Timestamp': toEdxmlTimestamp(options.sentAt ?? new Date()) },
        'edXML:Bussiness': { 'edXML:BussinessDocType': BUSINESS_DOC_TYPE_NEW },
      },
    },
    'edXML:edXMLBody': {
      'edXML:edXMLManifest': {
        '@_version': '1.0',
        'edXML:Reference': doc.attachments.map((a, i) => ({
          'edXML:ContentId': contentIds[i]!,
          'edXML:ContentType': a.contentType,
          ...(a.description !== undefined ? { 'edXML:Description': a.description } : {}),
          'edXML:AttachmentName': a.name,
          // Accord extension: the standard's manifest has no digest (docs/records.md).
          'accord:Sha256': sha256Hex(a.content),
        })),
      },
    },
  };
  return xmlBuilder.build({
    ...XML_DECLARATION,
    edXML: {
      '@_xmlns': EDXML_NAMESPACE,
      '@_xmlns:edXML': EDXML_NAMESPACE,
      '@_xmlns:accord': ACCORD_EDXML_NAMESPACE,
      'edXML:edXMLEnvelope': envelope,
      AttachmentEncoded: {
        Attachment: doc.attachments.map((a, i) => ({
          ContentId: contentIds[i]!,
          AttachmentName: a.name,
          ContentType: a.contentType,
          'edXML:ContentTransferEncoded': a.content.toString('base64'),
        })),
      },
    },
  }) as string;
}

function messageHeaderXml(doc: EdxmlDocument): Record<string, unknown> {
  const header: Record<string, unknown> = {
    'edXML:From': organXml(doc.from),
    'edXML:To': doc.to.map(organXml),
    'edXML:Code': { 'edXML:CodeNumber': doc.codeNumber, 'edXML:CodeNotation': doc.codeNotation },
    'edXML:PromulgationInfo': { 'edXML:Place': doc.place, 'edXML:PromulgationDate': toEdxmlDate(doc.promulgationDate) },
    'edXML:DocumentType': { 'edXML:Type': doc.documentType.code, 'edXML:TypeName': doc.documentType.name },
    'edXML:Subject': doc.subject,
  };
  if (doc.content !== undefined) header['edXML:Content'] = doc.content;
  header['edXML:SignerInfo'] = {
    ...(doc.signer.competence !== undefined ? { 'edXML:Competence': doc.signer.competence } : {}),
    'edXML:Position': doc.signer.position,
    'edXML:FullName': doc.signer.fullName,
  };
  if (doc.dueDate !== undefined) header['edXML:DueDate'] = toEdxmlDate(doc.dueDate);
  header['edXML:ToPlaces'] = { 'edXML:Place': doc.toPlaces };
  const other: Record<string, string> = { 'edXML:Priority': EDXML_PRIORITY_CODES[doc.priority] };
  if (doc.sphereOfPromulgation !== undefined) other['edXML:SphereOfPromulgation'] = doc.sphereOfPromulgation;
  if (doc.typerNotation !== undefined) other['edXML:TyperNotation'] = doc.typerNotation;
  if (doc.promulgationAmount !== undefined) other['edXML:PromulgationAmount'] = String(doc.promulgationAmount);
  if (doc.pageAmount !== undefined) other['edXML:PageAmount'] = String(doc.pageAmount);
  header['edXML:OtherInfo'] = other;
  if (doc.responseFor !== undefined && doc.responseFor.length > 0) header['edXML:ResponseFor'] = doc.responseFor.map(responseForXml);
  header['edXML:DocumentId'] = doc.documentId;
  if (doc.steeringType !== undefined) header['edXML:SteeringType'] = doc.steeringType;
  return header;
}

export const responseForXml = (r: EdxmlResponseFor) => ({
  'edXML:OrganId': r.organId,
  'edXML:Code': r.code,
  'edXML:PromulgationDate': toEdxmlDate(r.promulgationDate),
  'edXML:DocumentId': r.documentId,
});

const PRIORITY_BY_CODE = new Map(Object.entries(EDXML_PRIORITY_CODES).map(([name, code]) => [code, name as EdxmlPriority]));

/**
 * Reads an incoming package. Refuses DOCTYPE/entities, oversized input, missing required elements, undecodable or
 * oversized attachments and any attachment whose content does not match the sha256 declared for it. A package without
 * Accord's sha256 extension (from another system) is accepted: there is nothing to check it against.
 */
export function parseEdxmlPackage(xml: string, limits: EdxmlLimits = DEFAULT_EDXML_LIMITS): EdxmlDocument | EdxmlErrors {
  const parsed = parseXml(xml, limits);
  if ('errors' in parsed) return parsed;
  const r = new XmlReader(limits);
  const wrapper = parsed.root['edXML'];
  const top = wrapper !== undefined && !Array.isArray(wrapper) ? wrapper : undefined;
  const envelope = r.one(top ?? parsed.root, 'edXMLEnvelope', 'xml', true);
  if (envelope === undefined) return { errors: r.errors };
  const header = r.one(envelope, 'edXMLHeader', 'xml', true);
  const message = r.one(header, 'MessageHeader', 'xml', true);
  if (message === undefined) return { errors: r.errors };

  const from = r.organ(r.one(message, 'From', 'from', true), 'from');
  const toNodes = r.all(message, 'To');
  if (toNodes.length === 0) r.error('to', '<To> is required (at least one recipient organ)');
  if (toNodes.length > limits.maxRecipients) r.error('to', `more than ${limits.maxRecipients} recipient organs`);
  const to = toNodes.slice(0, limits.maxRecipients).map((node, i) => r.organ(node, `to.${i}`)!);
  const code = r.one(message, 'Code', 'codeNumber', true);
  const codeNumber = code === undefined ? undefined : r.text(code, 'CodeNumber', 'codeNumber', { required: true });
  const codeNotation = code === undefined ? undefined : r.text(code, 'CodeNotation', 'codeNotation', { required: true });
  const promulgation = r.one(message, 'PromulgationInfo', 'promulgationDate', true);
  const place = promulgation === undefined ? undefined : r.text(promulgation, 'Place', 'place', { required: true });
  const promulgationDate = promulgation === undefined ? undefined : r.date(promulgation, 'PromulgationDate', 'promulgationDate', true);
  const type = r.one(message, 'DocumentType', 'documentType', true);
  const typeCode = type === undefined ? undefined : r.text(type, 'Type', 'documentType.code', { required: true });
  const typeName = type === undefined ? undefined : r.text(type, 'TypeName', 'documentType.name', { required: true });
  const subject = r.text(message, 'Subject', 'subject', { required: true });
  const content = r.text(message, 'Content', 'content', { required: false, max: limits.maxContentChars });
  const signerNode = r.one(message, 'SignerInfo', 'signer', true);
  const competence = signerNode === undefined ? undefined : r.text(signerNode, 'Competence', 'signer.competence', { required: false });
  const position = signerNode === undefined ? undefined : r.text(signerNode, 'Position', 'signer.position', { required: true });
  const fullName = signerNode === undefined ? undefined : r.text(signerNode, 'FullName', 'signer.fullName', { required: true });
  const dueDate = r.date(message, 'DueDate', 'dueDate', false);
  const toPlacesNode = r.one(message, 'ToPlaces', 'toPlaces', false);
  const toPlaces = r.all(toPlacesNode, 'Place').flatMap((place, i) => {
    if (typeof place === 'string' && place !== '' && place.length <= limits.maxFieldChars) return [place];
    r.error(`toPlaces.${i}`, '<Place> must be non-empty text');
    return [];
  });
  const other = r.one(message, 'OtherInfo', 'priority', false);
  // A package from a system that leaves out OtherInfo is ordinary mail (độ khẩn thường).
  const priorityCode = r.text(other, 'Priority', 'priority', { required: false }) ?? EDXML_PRIORITY_CODES.NORMAL;
  const priority = PRIORITY_BY_CODE.get(priorityCode);
  if (priority === undefined) r.error('priority', `<Priority> "${priorityCode}" is not one of 0-4`);
  const sphereOfPromulgation = r.text(other, 'SphereOfPromulgation', 'sphereOfPromulgation', { required: false });
  const typerNotation = r.text(other, 'TyperNotation', 'typerNotation', { required: false });
  const promulgationAmount = count(r, r.text(other, 'PromulgationAmount', 'promulgationAmount', { required: false }), 'promulgationAmount');
  const pageAmount = count(r, r.text(other, 'PageAmount', 'pageAmount', { required: false }), 'pageAmount');
  const responseFor = r.all(message, 'ResponseFor').map((node, i) => readResponseFor(r, node, `responseFor.${i}`));
  const documentId = r.text(message, 'DocumentId', 'documentId', { required: true });
  const steeringType = r.text(message, 'SteeringType', 'steeringType', { required: false });

  const attachments = readAttachments(r, envelope, top, limits);
  if (r.errors.length > 0) return { errors: r.errors };

  const doc: EdxmlDocument = {
    documentId: documentId!,
    from: from!,
    to,
    codeNumber: codeNumber!,
    codeNotation: codeNotation!,
    place: place!,
    promulgationDate: promulgationDate!,
    documentType: { code: typeCode!, name: typeName! },
    subject: subject!,
    signer: { ...(competence !== undefined ? { competence } : {}), position: position!, fullName: fullName! },
    priority: priority!,
    toPlaces,
    attachments,
  };
  const optional = { content, dueDate, sphereOfPromulgation, typerNotation, promulgationAmount, pageAmount, steeringType };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(doc, { [key]: value });
  if (responseFor.length > 0) doc.responseFor = responseFor;
  const invalid = validateEdxmlDocument(doc, limits);
  return invalid.length > 0 ? { errors: invalid } : doc;
}

export function readResponseFor(r: XmlReader, node: XmlNode, field: string): EdxmlResponseFor {
  return {
    organId: r.text(node, 'OrganId', `${field}.organId`, { required: true }) ?? '',
    code: r.text(node, 'Code', `${field}.code`, { required: true }) ?? '',
    promulgationDate: r.date(node, 'PromulgationDate', `${field}.promulgationDate`, true) ?? '',
    documentId: r.text(node, 'DocumentId', `${field}.documentId`, { required: true }) ?? '',
  };
}

function count(r: XmlReader, raw: string | undefined, field: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) r.error(field, `"${raw}" is not a whole number`);
  return Number(raw);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Manifest references matched to the encoded contents by ContentId; each declared sha256 is checked. */
function readAttachments(r: XmlReader, envelope: XmlNode, top: XmlNode | undefined, limits: EdxmlLimits): EdxmlAttachment[] {
  const body = r.one(envelope, 'edXMLBody', 'attachments', false);
  const references = r.all(r.one(body, 'edXMLManifest', 'attachments', false), 'Reference');
  // Encoded contents follow the envelope (VPCP's layout) or, from some senders, sit inside it.
  const encoded = [...r.all(r.one(top, 'AttachmentEncoded', 'attachments', false), 'Attachment')];
  encoded.push(...r.all(r.one(envelope, 'AttachmentEncoded', 'attachments', false), 'Attachment'));
  if (references.length > limits.maxAttachments || encoded.length > limits.maxAttachments) {
    r.error('attachments', `more than ${limits.maxAttachments} attachments`);
    return [];
  }
  const byContentId = new Map<string, XmlNode>();
  encoded.forEach((node, i) => {
    const id = r.text(node, 'ContentId', `attachments.${i}.contentId`, { required: true });
    if (id === undefined) return;
    if (byContentId.has(id)) r.error('attachments', `two encoded attachments have ContentId "${id}"`);
    byContentId.set(id, node);
  });
  const used = new Set<string>();
  let total = 0;
  const attachments: EdxmlAttachment[] = [];
  references.forEach((ref, i) => {
    const field = `attachments.${i}`;
    const contentId = r.text(ref, 'ContentId', `${field}.contentId`, { required: true });
    const name = r.text(ref, 'AttachmentName', `${field}.name`, { required: true });
    const contentType = r.text(ref, 'ContentType', `${field}.contentType`, { required: true });
    const description = r.text(ref, 'Description', `${field}.description`, { required: false });
    const declared = r.text(ref, 'Sha256', `${field}.sha256`, { required: false });
    if (contentId === undefined || name === undefined || contentType === undefined) return;
    const label = `attachment "${name}"`;
    const node = byContentId.get(contentId);
    if (node === undefined) return r.error(`${field}.content`, `${label}: no encoded content with ContentId "${contentId}"`);
    if (used.has(contentId)) return r.error(`${field}.contentId`, `${label}: ContentId "${contentId}" is referenced twice`);
    used.add(contentId);
    const encodedText = r.text(node, 'ContentTransferEncoded', `${field}.content`, { required: true, max: Number.MAX_SAFE_INTEGER });
    if (encodedText === undefined) return;
    const base64 = encodedText.replace(/\s+/g, '');
    if (Math.floor(base64.length / 4) * 3 > limits.maxAttachmentBytes) {
      return r.error(`${field}.content`, `${label} is larger than ${limits.maxAttachmentBytes} bytes`);
    }
    if (!BASE64.test(base64)) return r.error(`${field}.content`, `${label}: content is not valid base64`);
    const content = Buffer.from(base64, 'base64');
    total += content.length;
    if (declared !== undefined) {
      const actual = sha256Hex(content);
      if (declared.toLowerCase() !== actual) {
        return r.error(`${field}.sha256`, `${label}: content does not match its declared sha256 (declared ${declared}, content ${actual})`);
      }
    }
    attachments.push({ name, contentType, content, ...(description !== undefined ? { description } : {}) });
  });
  if (total > limits.maxTotalAttachmentBytes) r.error('attachments', `attachments total more than ${limits.maxTotalAttachmentBytes} bytes`);
  for (const id of byContentId.keys()) {
    if (!used.has(id)) r.error('attachments', `encoded attachment "${id}" is not in the manifest`);
  }
  return attachments;
}

/** What both the builder and the parser require of a document; one error per bad field. */
export function validateEdxmlDocument(doc: EdxmlDocument, limits: EdxmlLimits = DEFAULT_EDXML_LIMITS): EdxmlFieldError[] {
  const errors: EdxmlFieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const text = (value: unknown, field: string, required = true, max = limits.maxFieldChars) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim() === '') err(field, 'is required');
    else if (value.length > max) err(field, `is longer than ${max} characters`);
  };
  const date = (value: unknown, field: string, required = true) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !isCalendarDate(value)) err(field, 'must be a date YYYY-MM-DD');
  };
  const organ = (o: EdxmlOrgan | undefined, field: string) => {
    if (typeof o !== 'object' || o === null) return err(field, 'is required');
    text(o.organId, `${field}.organId`);
    text(o.organName, `${field}.organName`);
    for (const key of ['organizationInCharge', 'address', 'email', 'telephone', 'fax', 'website'] as const) {
      text(o[key], `${field}.${key}`, false);
    }
  };
  text(doc.documentId, 'documentId');
  organ(doc.from, 'from');
  if (!Array.isArray(doc.to) || doc.to.length === 0) err('to', 'at least one recipient organ is required');
  else if (doc.to.length > limits.maxRecipients) err('to', `more than ${limits.maxRecipients} recipient organs`);
  else doc.to.forEach((o, i) => organ(o, `to.${i}`));
  text(doc.codeNumber, 'codeNumber');
  text(doc.codeNotation, 'codeNotation');
  text(doc.place, 'place');
  date(doc.promulgationDate, 'promulgationDate');
  text(doc.documentType?.code, 'documentType.code');
  text(doc.documentType?.name, 'documentType.name');
  text(doc.subject, 'subject');
  text(doc.content, 'content', false, limits.maxContentChars);
  text(doc.signer?.competence, 'signer.competence', false);
  text(doc.signer?.position, 'signer.position');
  text(doc.signer?.fullName, 'signer.fullName');
  if (!Object.hasOwn(EDXML_PRIORITY_CODES, doc.priority)) err('priority', `must be one of ${Object.keys(EDXML_PRIORITY_CODES).join(', ')}`);
  if (!Array.isArray(doc.toPlaces)) err('toPlaces', 'must be a list');
  else doc.toPlaces.forEach((p, i) => text(p, `toPlaces.${i}`));
  date(doc.dueDate, 'dueDate', false);
  (doc.responseFor ?? []).forEach((rf, i) => {
    text(rf.organId, `responseFor.${i}.organId`);
    text(rf.code, `responseFor.${i}.code`);
    date(rf.promulgationDate, `responseFor.${i}.promulgationDate`);
    text(rf.documentId, `responseFor.${i}.documentId`);
  });
  text(doc.steeringType, 'steeringType', false);
  text(doc.sphereOfPromulgation, 'sphereOfPromulgation', false);
  text(doc.typerNotation, 'typerNotation', false);
  for (const key of ['promulgationAmount', 'pageAmount'] as const) {
    const n = doc[key];
    if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n < 1e9)) err(key, 'must be a whole number');
  }
  if (!Array.isArray(doc.attachments)) return [...errors, { field: 'attachments', message: 'must be a list' }];
  if (doc.attachments.length > limits.maxAttachments) err('attachments', `more than ${limits.maxAttachments} attachments`);
  let total = 0;
  doc.attachments.forEach((a, i) => {
    text(a.name, `attachments.${i}.name`);
    text(a.contentType, `attachments.${i}.contentType`);
    text(a.description, `attachments.${i}.description`, false);
    if (!Buffer.isBuffer(a.content)) return err(`attachments.${i}.content`, 'must be bytes');
    if (a.content.length > limits.maxAttachmentBytes) err(`attachments.${i}.content`, `is larger than ${limits.maxAttachmentBytes} bytes`);
    total += a.content.length;
  });
  if (total > limits.maxTotalAttachmentBytes) err('attachments', `attachments total more than ${limits.maxTotalAttachmentBytes} bytes`);
  return errors;
}
