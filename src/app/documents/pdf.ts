import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The part of pdfmake's document definition we use; the library validates the rest. */
export type PdfContent = Record<string, unknown> | string | PdfContent[];
export interface PdfDocument {
  content: PdfContent[];
  info?: { title?: string; author?: string; subject?: string };
  language?: string;
  pageSize?: 'A4';
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins?: [number, number, number, number];
  styles?: Record<string, Record<string, unknown>>;
  defaultStyle?: Record<string, unknown>;
  footer?: (currentPage: number, pageCount: number) => PdfContent;
}

interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let engine: PdfMake | null = null;

/** pdfmake with its Roboto fonts (full Latvian diacritics), and no access to anything else. */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const loaded = require('pdfmake') as PdfMake;
  const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  loaded.addFonts({ Roboto: { normal: join(fonts, 'Roboto-Regular.ttf'), bold: join(fonts, 'Roboto-Medium.ttf'), italics: join(fonts, 'Roboto-Italic.ttf'), bolditalics: join(fonts, 'Roboto-MediumItalic.ttf') } });
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy((path) => path.startsWith(fonts));
  engine = loaded;
  return loaded;
}

export const PDF_STYLES: Record<string, Record<string, unknown>> = {
  title: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
  subtitle: { fontSize: 11, color: '#444444', margin: [0, 0, 0, 14] },
  heading: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
  tableHeader: { bold: true, fillColor: '#eef1f5' },
  small: { fontSize: 8, color: '#555555' },
  good: { color: '#1b5e20', bold: true },
  bad: { color: '#b71c1c', bold: true },
};

export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return pdfmake()
    .createPdf({ pageSize: 'A4', pageMargins: [40, 50, 40, 50], defaultStyle: { font: 'Roboto', fontSize: 10 }, styles: PDF_STYLES, ...doc })
    .getBuffer();
}
