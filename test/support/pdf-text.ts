import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text a reader sees on each page of a PDF (pdf.js through unpdf), with the no-break and
 * narrow spaces of Latvian digit grouping written as plain spaces, so that tests can look for
 * "1 820,29 EUR" as it is printed.
 */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { text } = await extractText(doc, { mergePages: false });
    return text.map((page) => page.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[ \t]+/g, ' '));
  } finally {
    await doc.destroy();
  }
}

/** Every line of the document, trimmed, in reading order. */
export async function pdfLines(pdf: Uint8Array): Promise<string[]> {
  return (await pdfPages(pdf)).flatMap((page) => page.split('\n').map((l) => l.trim()).filter(Boolean));
}
