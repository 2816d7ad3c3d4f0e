/**
 * What an official document prints, component by component, in the layout of Decree 30/2020/NĐ-CP (Annex I): the
 * texts both renderers (PDF and DOCX) share, so the two cannot drift apart. Pure.
 */

export type RenderableDocumentType = 'DECISION' | 'OFFICIAL_LETTER' | 'REPORT' | 'POST_SIGNING_REPORT';

/** An official document as the renderers need it: the api maps its row onto this (docs/records.md "Rendering"). */
export interface RenderableDocument {
  /** Accord's id: the marker `accord-document:<id>` in the PDF's Info /Keywords (signed-copy check). */
  id: string;
  type: RenderableDocumentType;
  /**
   * The issuing authority, top left. `parent`: the organ in charge (cơ quan chủ quản), printed upper-case upright;
   * null for the People's Committee itself. `name`: the issuer, printed upper-case bold; a newline breaks it where
   * Decree 30's samples do ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH"). See issuerHeading.
   */
  issuer: { parent: string | null; name: string };
  /** The register number; null for a DRAFT, which prints blanks to be filled in by hand. */
  number: number | null;
  /**
   * A listing printed on demand that is never registered (the agreement registry's DOCX): its number stays blank, but
   * `date` is the day it was printed and prints in full, not as a draft's blank day and month.
   */
  unregistered?: boolean;
  /** "QĐ-UBND". */
  notation: string;
  /** "Hà Tĩnh". */
  place: string;
  /**
   * YYYY-MM-DD: the issue date, or for a DRAFT the day it was drafted (only its year is printed). Also the PDF's
   * CreationDate and ModDate, so the same document renders to the same bytes.
   */
  date: string;
  /** Trích yếu. */
  subject: string;
  /** Paragraphs separated by newlines. */
  body: string;
  /** Signature block: authority ("TM. Ủy ban nhân dân", newline for a second line such as "KT. CHỦ TỊCH"), title, name. */
  signer: { authority: string | null; title: string | null; name: string | null } | null;
  /** Nơi nhận, by name. */
  recipients: string[];
  priority: string;
}

const upper = (text: string): string => text.toLocaleUpperCase('vi-VN');

/**
 * The issuer heading of an agency of a province (Decree 30 Annex I, item 2): the People's Committee prints its own
 * name over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH HÀ TĨNH") with no organ in charge; a department prints the
 * committee as its organ in charge ("UBND TỈNH HÀ TĨNH") above its own name.
 */
export function issuerHeading(d: { agencyName: string; provinceName: string; peoplesCommittee: boolean }): RenderableDocument['issuer'] {
  if (d.peoplesCommittee) return { parent: null, name: `Ủy ban nhân dân\n${d.provinceName}` };
  return { parent: `UBND ${d.provinceName}`, name: d.agencyName };
}

const TYPE_NAMES: Record<RenderableDocumentType, string | null> = {
  DECISION: 'QUYẾT ĐỊNH',
  REPORT: 'BÁO CÁO',
  POST_SIGNING_REPORT: 'BÁO CÁO',
  // A letter (công văn) has no type name: its subject goes under the number line as "V/v …" (Decree 30 Annex I, 5b).
  OFFICIAL_LETTER: null,
};

const PRIORITY_MARKS: Record<string, string> = { URGENT: 'KHẨN', VERY_URGENT: 'THƯỢNG KHẨN', FLASH: 'HỎA TỐC' };

/** Every printed line of the document, in the order the layout places them. */
export interface DocumentLayout {
  parentLines: string[];
  issuerLines: string[];
  nationalTitle: string;
  motto: string;
  numberLine: string;
  /** A letter's "V/v …" under the number line. */
  letterSubject: string | null;
  priorityMark: string | null;
  placeDateLine: string;
  typeName: string | null;
  /** The subject as a centred bold block (documents with a type name). */
  subjectLines: string[];
  paragraphs: string[];
  recipientsHeading: string;
  recipientLines: string[];
  signerAuthorityLines: string[];
  signerTitle: string | null;
  signerName: string | null;
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * "ngày 04 tháng 02 năm 2026": Decree 30 Annex I, item 4: days below 10 and the months January and February take a
 * leading zero. A DRAFT leaves day and month blank.
 */
export function placeDateLine(place: string, date: string, draft: boolean): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (draft) return `${place}, ngày    tháng    năm ${year}`;
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

export function numberLine(number: number | null, notation: string): string {
  return number === null ? `Số:      /${notation}` : `Số: ${number}/${notation}`;
}

const lines = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

export function layoutOf(doc: RenderableDocument): DocumentLayout {
  const typeName = TYPE_NAMES[doc.type];
  const recipients = doc.recipients.map((r) => r.trim()).filter((r) => r.length > 0);
  return {
    parentLines: lines(doc.issuer.parent).map(upper),
    issuerLines: lines(doc.issuer.name).map(upper),
    nationalTitle: NATIONAL_TITLE,
    motto: MOTTO,
    numberLine: numberLine(doc.number, doc.notation),
    letterSubject: typeName === null ? `V/v ${doc.subject.replace(/^(V\/v|Về việc)\s+/iu, '')}` : null,
    priorityMark: PRIORITY_MARKS[doc.priority] ?? null,
    placeDateLine: placeDateLine(doc.place, doc.date, doc.number === null && !doc.unregistered),
    typeName,
    subjectLines: typeName === null ? [] : lines(doc.subject),
    paragraphs: lines(doc.body),
    recipientsHeading: 'Nơi nhận:',
    // "- Lưu: VT." closes every list: the copy the records office (văn thư) keeps.
    recipientLines: [...recipients.map((r) => `- ${r};`), '- Lưu: VT.'],
    signerAuthorityLines: lines(doc.signer?.authority).map(upper),
    signerTitle: doc.signer?.title ? upper(doc.signer.title.trim()) : null,
    signerName: doc.signer?.name?.trim() || null,
  };
}

/** `15-QD-UBND`: a file name for the document (ASCII, no separators); a DRAFT is `du-thao-QD-UBND`. */
export function documentFileStem(doc: Pick<RenderableDocument, 'number' | 'notation'>): string {
  const notation = doc.notation
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${doc.number === null ? 'du-thao' : doc.number}-${notation || 'van-ban'}`;
}
