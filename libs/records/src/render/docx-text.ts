import JSZip from 'jszip';

/**
 * A DOCX's word/document.xml read back as text, one entry per non-empty paragraph (its runs joined, XML entities
 * decoded): what the tests of Decree 30 renderings compare with the parts they expect.
 */
export async function docxParagraphs(docx: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1]!)
        .join('')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .filter((t) => t.length > 0);
}
