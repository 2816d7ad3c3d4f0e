import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { layoutOf, type RenderableDocument } from './document-layout';

/** PDF points per millimetre. */
const MM = 72 / 25.4;

/** A4 with Decree 30's margins (Annex I, II.1): top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm. */
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
/** The header's columns (issuer | national title), as in the Annex's samples; the signature block uses the right one. */
const LEFT_WIDTH = 62 * MM;
const RIGHT_X = MARGINS.left + LEFT_WIDTH;
const RIGHT_WIDTH = CONTENT_WIDTH - LEFT_WIDTH;
/** Room left for the handwritten or digital signature and the seal. */
const SIGNATURE_SPACE = 26 * MM;

const FONT_FILES = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontCache: Record<FontName, Buffer> | undefined;
/** Tinos (metric-compatible with Times New Roman, full Vietnamese coverage; docs/records.md), read once per process. */
function fonts(): Record<FontName, Buffer> {
  fontCache ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(require.resolve(`@expo-google-fonts/tinos/${file}`))]),
  ) as Record<FontName, Buffer>;
  return fontCache;
}

/** Midnight in Vietnam on the document's date: the PDF's dates, so that they come from the document, not the clock. */
const documentDate = (date: string): Date => new Date(`${date}T00:00:00+07:00`);

/**
 * The official document as a PDF in the layout of Decree 30/2020/NĐ-CP (Annex I), Tinos embedded (subset). The same
 * document gives the same bytes: the Info dates come from the document's date and pdfkit derives the file /ID from the
 * Info dictionary, so the sha256 of the unsigned rendering is stable (docs/records.md "Rendering"). Info /Keywords holds
 * the marker `accord-document:<id>` that the signed-copy check looks for, as plain ASCII outside any stream.
 */
export function renderDocumentPdf(doc: RenderableDocument): Promise<Buffer> {
  const layout = layoutOf(doc);
  const when = documentDate(doc.date);
  const pdf = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: MARGINS,
    bufferPages: true,
    lang: 'vi-VN',
    info: {
      Title: doc.subject,
      Author: [...layout.parentLines, ...layout.issuerLines].join(' - '),
      Keywords: `accord-document:${doc.id}`,
      Creator: 'Accord',
      CreationDate: when,
      ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const [name, data] of Object.entries(fonts())) pdf.registerFont(name, data);
  const use = (font: FontName, size: number) => pdf.font(font).fontSize(size);
  const centred = (text: string, x: number, y: number, width: number) => {
    pdf.text(text, x, y, { width, align: 'center' });
    return pdf.y;
  };
  const rule = (centreX: number, y: number, length: number) => {
    pdf
      .moveTo(centreX - length / 2, y)
      .lineTo(centreX + length / 2, y)
      .lineWidth(0.6)
      .stroke();
  };

  // Header, left: organ in charge (upright), issuer (bold), a rule of about a third of the issuer's line under it.
  let left = MARGINS.top;
  use('regular', 13);
  for (const line of layout.parentLines) left = centred(line, MARGINS.left, left, LEFT_WIDTH);
  use('bold', 13);
  for (const line of layout.issuerLines) left = centred(line, MARGINS.left, left, LEFT_WIDTH);
  const issuerWidth = Math.max(...layout.issuerLines.map((l) => pdf.widthOfString(l)), 0);
  rule(MARGINS.left + LEFT_WIDTH / 2, left + 3, Math.min(LEFT_WIDTH, Math.max(issuerWidth / 3, 18 * MM)));
  left += 8;

  // Header, right: national title (bold 12), motto (bold 13) with a rule as long as the motto.
  use('bold', 12);
  let right = centred(layout.nationalTitle, RIGHT_X, MARGINS.top, RIGHT_WIDTH);
  use('bold', 13);
  right = centred(layout.motto, RIGHT_X, right, RIGHT_WIDTH);
  rule(RIGHT_X + RIGHT_WIDTH / 2, right + 3, pdf.widthOfString(layout.motto));
  right += 8;

  // Number line under the issuer, place-date line (italic) under the motto, on the same line.
  const row = Math.max(left, right);
  use('regular', 13);
  left = centred(layout.numberLine, MARGINS.left, row, LEFT_WIDTH);
  if (layout.letterSubject) {
    use('regular', 12);
    left = centred(layout.letterSubject, MARGINS.left, left + 2, LEFT_WIDTH);
  }
  if (layout.priorityMark) {
    use('bold', 13);
    left = centred(layout.priorityMark, MARGINS.left, left + 4, LEFT_WIDTH);
  }
  use('italic', 14);
  right = centred(layout.placeDateLine, RIGHT_X, row, RIGHT_WIDTH);

  // Type name and subject, centred bold, a short rule under the subject.
  let y = Math.max(left, right) + 18;
  use('bold', 14);
  if (layout.typeName) y = centred(layout.typeName, MARGINS.left, y, CONTENT_WIDTH);
  for (const line of layout.subjectLines) y = centred(line, MARGINS.left + 10 * MM, y, CONTENT_WIDTH - 20 * MM);
  if (layout.subjectLines.length) rule(MARGINS.left + CONTENT_WIDTH / 2, y + 2, CONTENT_WIDTH / 4);
  y += 14;

  // Body: justified, first line indented 1 cm, 6 pt between paragraphs (Annex I, item 6); pdfkit breaks pages.
  use('regular', 14);
  pdf.text('', MARGINS.left, y);
  for (const paragraph of layout.paragraphs)
    pdf.text(paragraph, MARGINS.left, pdf.y, { width: CONTENT_WIDTH, align: 'justify', indent: 10 * MM, paragraphGap: 6, lineGap: 2 });

  // Recipients (left) and signature block (right), kept together on one page.
  const signatureHeight =
    (layout.signerAuthorityLines.length + (layout.signerTitle ? 1 : 0)) * 17 + SIGNATURE_SPACE + (layout.signerName ? 17 : 0);
  const recipientsHeight = 16 + layout.recipientLines.length * 14;
  const blockHeight = Math.max(signatureHeight, recipientsHeight);
  y = pdf.y + 12;
  if (y + blockHeight > PAGE.height - MARGINS.bottom) {
    pdf.addPage();
    y = MARGINS.top;
  }
  use('boldItalic', 12);
  pdf.text(layout.recipientsHeading, MARGINS.left, y, { width: LEFT_WIDTH + 10 * MM });
  use('regular', 11);
  for (const line of layout.recipientLines) pdf.text(line, MARGINS.left, pdf.y, { width: LEFT_WIDTH + 10 * MM });

  let s = y;
  use('bold', 14);
  for (const line of layout.signerAuthorityLines) s = centred(line, RIGHT_X, s, RIGHT_WIDTH);
  if (layout.signerTitle) s = centred(layout.signerTitle, RIGHT_X, s, RIGHT_WIDTH);
  if (layout.signerName) centred(layout.signerName, RIGHT_X, s + SIGNATURE_SPACE, RIGHT_WIDTH);

  // Page numbers from the second page on, centred in the top margin (Annex I, item 8).
  const { start, count } = pdf.bufferedPageRange();
  for (let page = start + 1; page < start + count; page++) {
    pdf.switchToPage(page);
    use('regular', 13);
    pdf.text(String(page - start + 1), MARGINS.left, MARGINS.top / 2, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  }
  pdf.end();
  return done;
}
