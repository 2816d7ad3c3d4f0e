import { readResponseFor, responseForXml } from './edxml-package';
import {
  DEFAULT_EDXML_LIMITS,
  EDXML_NAMESPACE,
  EDXML_STATUS_CODES,
  EdxmlValidationError,
  type EdxmlErrors,
  type EdxmlFieldError,
  type EdxmlLimits,
  type EdxmlStaffInfo,
  type EdxmlStatus,
  type EdxmlStatusName,
} from './edxml.types';
import {
  XML_DECLARATION,
  XmlReader,
  isCalendarDate,
  isIsoInstant,
  organXml,
  parseEdxmlTimestamp,
  parseXml,
  toEdxmlTimestamp,
  xmlBuilder,
} from './edxml-xml';

const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';

const STAFF_ELEMENTS: readonly [keyof EdxmlStaffInfo, string][] = [
  ['department', 'Department'],
  ['staff', 'Staff'],
  ['mobile', 'Mobile'],
  ['email', 'Email'],
];

/**
 * A status message (gói tin trạng thái) about a received document: RECEIVED, ACCEPTED, REJECTED with its reason...
 * Status messages travel as a SOAP envelope whose header holds `Status` (docs/records.md). Throws `EdxmlValidationError`
 * on incomplete input.
 */
export function buildEdxmlStatus(status: EdxmlStatus): string {
  const errors = validateEdxmlStatus(status, DEFAULT_EDXML_LIMITS);
  if (errors.length > 0) throw new EdxmlValidationError(errors);
  const body: Record<string, unknown> = {
    'edXML:ResponseFor': responseForXml(status.responseFor),
    'edXML:From': organXml(status.from),
    'edXML:StatusCode': EDXML_STATUS_CODES[status.status],
  };
  if (status.description !== undefined) body['edXML:Description'] = status.description;
  body['edXML:Timestamp'] = toEdxmlTimestamp(new Date(status.timestamp));
  if (status.staffInfo !== undefined) {
    const staff: Record<string, string> = {};
    for (const [key, name] of STAFF_ELEMENTS) if (status.staffInfo[key] !== undefined) staff[`edXML:${name}`] = status.staffInfo[key];
    body['edXML:StaffInfo'] = staff;
  }
  return xmlBuilder.build({
    ...XML_DECLARATION,
    'SOAP-ENV:Envelope': {
      '@_xmlns:SOAP-ENV': SOAP_ENVELOPE_NAMESPACE,
      '@_xmlns:edXML': EDXML_NAMESPACE,
      'SOAP-ENV:Header': { 'edXML:Status': body },
      'SOAP-ENV:Body': '',
    },
  }) as string;
}

const STATUS_BY_CODE = new Map(Object.entries(EDXML_STATUS_CODES).map(([name, code]) => [code, name as EdxmlStatusName]));

/** Reads a status message: the SOAP layout, or `Status` under an `edXMLEnvelope/edXMLHeader` as some senders write it. */
export function parseEdxmlStatus(xml: string, limits: EdxmlLimits = DEFAULT_EDXML_LIMITS): EdxmlStatus | EdxmlErrors {
  const parsed = parseXml(xml, limits);
  if ('errors' in parsed) return parsed;
  const r = new XmlReader(limits);
  const envelope = parsed.root['Envelope'] ?? parsed.root['edXMLEnvelope'];
  if (envelope === undefined || Array.isArray(envelope))
    return { errors: [{ field: 'xml', message: 'not a status message: no envelope' }] };
  const header = r.all(envelope, 'Header')[0] ?? r.all(envelope, 'edXMLHeader')[0];
  const node = r.one(header, 'Status', 'xml', true);
  if (node === undefined) return { errors: r.errors };

  const responseForNode = r.one(node, 'ResponseFor', 'responseFor', true);
  const responseFor = responseForNode === undefined ? undefined : readResponseFor(r, responseForNode, 'responseFor');
  const from = r.organ(r.one(node, 'From', 'from', true), 'from');
  const code = r.text(node, 'StatusCode', 'status', { required: true });
  const statusName = code === undefined ? undefined : STATUS_BY_CODE.get(code);
  if (code !== undefined && statusName === undefined) r.error('status', `<StatusCode> "${code}" is not one Accord handles (01-06)`);
  const description = r.text(node, 'Description', 'description', { required: false, max: limits.maxContentChars });
  const rawTimestamp = r.text(node, 'Timestamp', 'timestamp', { required: true });
  const timestamp = rawTimestamp === undefined ? undefined : parseEdxmlTimestamp(rawTimestamp);
  if (rawTimestamp !== undefined && timestamp === undefined) r.error('timestamp', `<Timestamp> "${rawTimestamp}" is not a time`);
  const staffNode = r.one(node, 'StaffInfo', 'staffInfo', false);
  let staffInfo: EdxmlStaffInfo | undefined;
  if (staffNode !== undefined) {
    staffInfo = {};
    for (const [key, name] of STAFF_ELEMENTS) {
      const value = r.text(staffNode, name, `staffInfo.${key}`, { required: false });
      if (value !== undefined) staffInfo[key] = value;
    }
  }
  if (r.errors.length > 0) return { errors: r.errors };

  const status: EdxmlStatus = { responseFor: responseFor!, from: from!, status: statusName!, timestamp: timestamp! };
  if (description !== undefined) status.description = description;
  if (staffInfo !== undefined) status.staffInfo = staffInfo;
  const invalid = validateEdxmlStatus(status, limits);
  return invalid.length > 0 ? { errors: invalid } : status;
}

export function validateEdxmlStatus(status: EdxmlStatus, limits: EdxmlLimits = DEFAULT_EDXML_LIMITS): EdxmlFieldError[] {
  const errors: EdxmlFieldError[] = [];
  const text = (value: unknown, field: string, required = true, max = limits.maxFieldChars) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim() === '') errors.push({ field, message: 'is required' });
    else if (value.length > max) errors.push({ field, message: `is longer than ${max} characters` });
  };
  const rf = status.responseFor;
  if (typeof rf !== 'object' || rf === null) errors.push({ field: 'responseFor', message: 'is required' });
  else {
    text(rf.organId, 'responseFor.organId');
    text(rf.code, 'responseFor.code');
    if (typeof rf.promulgationDate !== 'string' || !isCalendarDate(rf.promulgationDate)) {
      errors.push({ field: 'responseFor.promulgationDate', message: 'must be a date YYYY-MM-DD' });
    }
    text(rf.documentId, 'responseFor.documentId');
  }
  if (typeof status.from !== 'object' || status.from === null) errors.push({ field: 'from', message: 'is required' });
  else {
    text(status.from.organId, 'from.organId');
    text(status.from.organName, 'from.organName');
  }
  if (!Object.hasOwn(EDXML_STATUS_CODES, status.status)) {
    errors.push({ field: 'status', message: `must be one of ${Object.keys(EDXML_STATUS_CODES).join(', ')}` });
  }
  // The sender must learn why its document was refused (QCVN 102: the reason goes in Description).
  text(status.description, 'description', status.status === 'REJECTED', limits.maxContentChars);
  if (typeof status.timestamp !== 'string' || !isIsoInstant(status.timestamp)) {
    errors.push({ field: 'timestamp', message: 'must be an ISO 8601 instant' });
  }
  for (const [key] of STAFF_ELEMENTS) text(status.staffInfo?.[key], `staffInfo.${key}`, false);
  return errors;
}
