import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';
import type { Marking } from '../../builtReport.ts';

/**
 * The Government Security Classification marking at the top and bottom of every page, as the scheme asks, so a
 * printed or photographed page still says how it must be handled. One default header and footer and no distinct
 * first page, so the cover carries the marking too.
 */
const marking = (text: Marking) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: true })] });

export const markedHeader = (text: Marking): Header => new Header({ children: [marking(text)] });

export const markedFooter = (text: Marking): Footer =>
  new Footer({
    children: [
      marking(text),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
