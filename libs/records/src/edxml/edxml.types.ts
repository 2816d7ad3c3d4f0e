/**
 * The data an edXML package (QCVN 102:2016/BTTTT, amended 2022) carries, in Accord's words. The mapping of every field to
 * the standard's element is in docs/records.md "edXML (QCVN 102:2016/BTTTT)".
 */

/** Namespace of the edXML elements as used on the national document exchange axis (docs/records.md lists the doubt). */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
/** Accord's own extension elements (the attachments' sha256), kept out of the standard's namespace. */
export const ACCORD_EDXML_NAMESPACE = 'urn:accord:edxml:1';

/** An organ (cơ quan) on the axis: `From`, `To`, status `From`. */
export interface EdxmlOrgan {
  /** Electronic identifier of the organ (mã định danh, Decision 20/2020/QĐ-TTg), e.g. `000.00.00.H22`. */
  organId: string;
  organName: string;
  /** `OrganizationInCharge`: the superior organ (cơ quan chủ quản). */
  organizationInCharge?: string;
  /** `OrganAdd` */
  address?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** Decree 30/2020 Art 15 urgency (độ khẩn); `OtherInfo/Priority` carries the code of `EDXML_PRIORITY_CODES`. */
export type EdxmlPriority = 'NORMAL' | 'URGENT' | 'TOP_URGENT' | 'FLASH' | 'FLASH_SCHEDULED';

export const EDXML_PRIORITY_CODES: Readonly<Record<EdxmlPriority, string>> = {
  NORMAL: '0', // thường
  URGENT: '1', // khẩn
  TOP_URGENT: '2', // thượng khẩn
  FLASH: '3', // hỏa tốc
  FLASH_SCHEDULED: '4', // hỏa tốc hẹn giờ
};

export interface EdxmlSigner {
  /** Signing authority (thẩm quyền ký), e.g. "TM. Ủy ban nhân dân"; absent when the head signs in their own name. */
  competence?: string;
  /** Title (chức vụ), e.g. "Chủ tịch". */
  position: string;
  fullName: string;
}

export interface EdxmlDocumentType {
  /** `DocumentType/Type`: 1 legal normative document, 2 administrative document (docs/records.md). */
  code: string;
  /** `DocumentType/TypeName`, e.g. "Quyết định". */
  name: string;
}

/** The document an incoming package or a status answers (`ResponseFor`). */
export interface EdxmlResponseFor {
  organId: string;
  /** Number and notation together, e.g. "15/QĐ-UBND". */
  code: string;
  /** YYYY-MM-DD */
  promulgationDate: string;
  documentId: string;
}

export interface EdxmlAttachment {
  name: string;
  contentType: string;
  content: Buffer;
  description?: string;
}

export interface EdxmlDocument {
  /** `DocumentId`: identifier of the document on the axis, stable across its packages (Accord: the document's id). */
  documentId: string;
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  /** `Code/CodeNumber`: the register number alone, e.g. "15" (Accord's `number`). */
  codeNumber: string;
  /** `Code/CodeNotation`: e.g. "QĐ-UBND" (Accord's `notation`). */
  codeNotation: string;
  /** `PromulgationInfo/Place`, e.g. "Hà Tĩnh". */
  place: string;
  /** `PromulgationInfo/PromulgationDate`, YYYY-MM-DD. */
  promulgationDate: string;
  documentType: EdxmlDocumentType;
  /** Trích yếu. */
  subject: string;
  content?: string;
  signer: EdxmlSigner;
  priority: EdxmlPriority;
  /** Nơi nhận, as printed on the document. */
  toPlaces: string[];
  /** YYYY-MM-DD */
  dueDate?: string;
  responseFor?: EdxmlResponseFor[];
  steeringType?: string;
  sphereOfPromulgation?: string;
  typerNotation?: string;
  promulgationAmount?: number;
  pageAmount?: number;
  attachments: EdxmlAttachment[];
}

export interface EdxmlFieldError {
  field: string;
  message: string;
}

export interface EdxmlErrors {
  errors: EdxmlFieldError[];
}

export const isEdxmlErrors = (value: unknown): value is EdxmlErrors =>
  typeof value === 'object' && value !== null && Array.isArray((value as Partial<EdxmlErrors>).errors);

/** Thrown by the builders when the input is incomplete (a DRAFT without a number, say): a caller's bug, not a client's. */
export class EdxmlValidationError extends Error {
  constructor(readonly errors: EdxmlFieldError[]) {
    super(`invalid edXML input: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    this.name = 'EdxmlValidationError';
  }
}

/** Bounds on what a package may hold, so a hostile or broken package is refused before it costs memory. */
export interface EdxmlLimits {
  /** Characters of the whole package (attachments are base64 inside it: 4/3 of their size). */
  maxXmlChars: number;
  maxAttachments: number;
  maxAttachmentBytes: number;
  maxTotalAttachmentBytes: number;
  maxRecipients: number;
  /** Any single text field but `content`. */
  maxFieldChars: number;
  maxContentChars: number;
  /** Element nesting; the deepest legitimate path is 5. */
  maxDepth: number;
}

export const DEFAULT_EDXML_LIMITS: Readonly<EdxmlLimits> = {
  maxXmlChars: 72 * 1024 * 1024,
  maxAttachments: 50,
  maxAttachmentBytes: 20 * 1024 * 1024,
  maxTotalAttachmentBytes: 50 * 1024 * 1024,
  maxRecipients: 500,
  maxFieldChars: 2000,
  maxContentChars: 100_000,
  maxDepth: 20,
};

/** Processing states of a received document (QCVN 102 amended 2022, status package `StatusCode`). */
export type EdxmlStatusName = 'RECEIVED' | 'REJECTED' | 'ACCEPTED' | 'ASSIGNED' | 'PROCESSING' | 'COMPLETED';

export const EDXML_STATUS_CODES: Readonly<Record<EdxmlStatusName, string>> = {
  RECEIVED: '01', // đã đến
  REJECTED: '02', // từ chối tiếp nhận
  ACCEPTED: '03', // đã tiếp nhận (vào sổ)
  ASSIGNED: '04', // phân công
  PROCESSING: '05', // đang xử lý
  COMPLETED: '06', // hoàn thành
};

export interface EdxmlStaffInfo {
  department?: string;
  staff?: string;
  mobile?: string;
  email?: string;
}

export interface EdxmlStatus {
  responseFor: EdxmlResponseFor;
  from: EdxmlOrgan;
  status: EdxmlStatusName;
  /** Required for REJECTED: the reason goes back to the sender. */
  description?: string;
  /** ISO 8601 instant; carried to the second. */
  timestamp: string;
  staffInfo?: EdxmlStaffInfo;
}
