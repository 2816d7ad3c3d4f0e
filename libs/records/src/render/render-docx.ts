import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { layoutOf, type RenderableDocument } from './document-layout';

/**
 * Word declares fonts by name: Times New Roman, which Decree 30 (Annex I, II.2) has the government's machines use and
 * which Tinos, the PDF's embedded font, matches metric for metric (the same line breaks). As libs/reporting does.
 */
const FONT = 'Times New Roman';
const twip = convertMillimetersToTwip;
const CONTENT_WIDTH = twip(210 - 30 - 15);
const LEFT_WIDTH = twip(62);
const RIGHT_WIDTH = CONTENT_WIDTH - LEFT_WIDTH;

type Run = { bold?: boolean; italics?: boolean; size: number };
const pt = (points: number) => points * 2; // docx sizes are half-points

const text = (value: string, run: Run) =>
  new TextRun({ text: value, font: FONT, bold: run.bold, italics: run.italics, size: pt(run.size) });

const line = (value: string, run: Run, options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number } = {}) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { before: 0, after: options.after ?? 0 },
    children: [text(value, run)],
  });

/** A horizontal rule of `length` twips centred in a cell or page of `width` twips: an empty 2 pt paragraph's bottom border. */
const rule = (width: number, length: number) => {
  const indent = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 60, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
};

const cell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: TableBorders.NONE,
    children: children.length ? children : [new Paragraph({})],
  });

const twoColumns = (rows: [Paragraph[], Paragraph[]][], widths: [number, number] = [LEFT_WIDTH, RIGHT_WIDTH]) =>
  new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(([l, r]) => new TableRow({ cantSplit: true, children: [cell(widths[0], l), cell(widths[1], r)] })),
  });

/** Width of the text block (A4 less Decree 30's margins), in twips: for content tables that should fill it. */
export const DOCX_CONTENT_WIDTH = CONTENT_WIDTH;

/** What a caller adds to a document's body paragraphs: sections, tables (the consolidated report's, libs/reporting). */
export type DocxBodyContent = (Paragraph | Table)[];

/**
 * The official document as a Word file in the layout of Decree 30/2020/NĐ-CP (Annex I): the same components and texts
 * as the PDF (document-layout.ts), for the records office to edit a DRAFT. The header and the signature block are
 * borderless two-column tables, as in the Annex's templates. `options.content` goes after the body's paragraphs and
 * before the recipients and signature block: a report's sections and tables keep the one official frame.
 */
export async function renderDocumentDocx(
  doc: RenderableDocument,
  options: { content?: DocxBodyContent; title?: string; description?: string } = {},
): Promise<Buffer> {
  const layout = layoutOf(doc);
  const header = twoColumns([
    [
      [
        ...layout.parentLines.map((l) => line(l, { size: 13 })),
        ...layout.issuerLines.map((l) => line(l, { size: 13, bold: true })),
        rule(LEFT_WIDTH, twip(22)),
      ],
      [line(layout.nationalTitle, { size: 12, bold: true }), line(layout.motto, { size: 13, bold: true }), rule(RIGHT_WIDTH, twip(60))],
    ],
    [
      [
        line(layout.numberLine, { size: 13 }),
        ...(layout.letterSubject ? [line(layout.letterSubject, { size: 12 })] : []),
        ...(layout.priorityMark ? [line(layout.priorityMark, { size: 13, bold: true })] : []),
      ],
      [line(layout.placeDateLine, { size: 14, italics: true })],
    ],
  ]);
  const title = [
    ...(layout.typeName ? [line(layout.typeName, { size: 14, bold: true })] : []),
    ...layout.subjectLines.map((l) => line(l, { size: 14, bold: true })),
    ...(layout.subjectLines.length ? [rule(CONTENT_WIDTH, Math.round(CONTENT_WIDTH / 4))] : []),
  ];
  const body = layout.paragraphs.map(
    (p) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: twip(10) },
        spacing: { before: 0, after: 120 },
        children: [text(p, { size: 14 })],
      }),
  );
  const closing = twoColumns(
    [
      [
        [
          line(layout.recipientsHeading, { size: 12, bold: true, italics: true }, { align: AlignmentType.LEFT }),
          ...layout.recipientLines.map((l) => line(l, { size: 11 }, { align: AlignmentType.LEFT })),
        ],
        [
          ...layout.signerAuthorityLines.map((l) => line(l, { size: 14, bold: true })),
          ...(layout.signerTitle ? [line(layout.signerTitle, { size: 14, bold: true })] : []),
          // Room for the signature and the seal.
          ...Array.from({ length: 4 }, () => line('', { size: 14 })),
          ...(layout.signerName ? [line(layout.signerName, { size: 14, bold: true })] : []),
        ],
      ],
    ],
    [CONTENT_WIDTH - RIGHT_WIDTH, RIGHT_WIDTH],
  );
  const document = new Document({
    creator: 'Accord',
    title: options.title ?? doc.subject,
    ...(options.description ? { description: options.description } : {}),
    keywords: `accord-document:${doc.id}`,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twip(210), height: twip(297) },
            margin: { top: twip(20), bottom: twip(20), left: twip(30), right: twip(15) },
          },
        },
        children: [
          header,
          new Paragraph({ spacing: { after: 120 }, children: [] }),
          ...title,
          new Paragraph({ children: [] }),
          ...body,
          ...(options.content?.length ? [...options.content, new Paragraph({ spacing: { after: 120 }, children: [] })] : []),
          closing,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
