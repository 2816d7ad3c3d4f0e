/**
 * An edXML package MOFA (Bộ Ngoại giao) sends to Hà Tĩnh's foreign-affairs department, as the suites that receive
 * one need it (docs/records.md "edXML"): an official letter with a fresh DocumentId; pass what a test looks at.
 */
import { randomUUID } from 'node:crypto';
import { buildEdxmlPackage, DEMO_EDXML_ORGAN_DIRECTORY, type EdxmlDocument } from '@accord/records/edxml';

export const HT_ORGANS = DEMO_EDXML_ORGAN_DIRECTORY.provinces.HT!;
export const MOFA_ORGAN = DEMO_EDXML_ORGAN_DIRECTORY.external.MOFA!;

/** The package's fields: MOFA's letter to HT-SNGV, overridden by `over`. */
export function mofaLetter(over: Partial<EdxmlDocument> = {}): EdxmlDocument {
  return {
    documentId: `mofa-${randomUUID()}`,
    from: MOFA_ORGAN,
    to: [HT_ORGANS['HT-SNGV']!],
    codeNumber: '1234',
    codeNotation: 'BNG-LPQT',
    place: 'Hà Nội',
    promulgationDate: '2026-12-01',
    documentType: { code: '2', name: 'Công văn' },
    subject: 'V/v ý kiến về thỏa thuận quốc tế',
    signer: { competence: 'TL. Bộ trưởng', position: 'Vụ trưởng Vụ Luật pháp và Điều ước quốc tế', fullName: 'Nguyễn Văn A' },
    priority: 'NORMAL',
    toPlaces: ['Sở Ngoại vụ tỉnh Hà Tĩnh'],
    attachments: [],
    ...over,
  };
}

/** The package as XML, with the DocumentId it carries. */
export function mofaPackage(over: Partial<EdxmlDocument> = {}): { xml: string; documentId: string } {
  const letter = mofaLetter(over);
  return { xml: buildEdxmlPackage(letter), documentId: letter.documentId };
}
