import JSZip from 'jszip';
import type { BuiltReport } from '../../../builtReport.ts';
import { reportDocx } from '../../docx.ts';

/*
 * Reading a rendered .docx back for tests: the XML parts the assertions look at, and paragraphs as a reader sees
 * them (style and text, entities decoded). Regular expressions suffice because the docx package writes one fixed
 * shape; a paragraph is never nested in another.
 */

/** The parts of a .docx the assertions read, as XML text. */
export interface Parts {
  document: string;
  styles: string;
  settings: string;
  rels: string;
  headers: string[];
  footers: string[];
  media: Buffer[];
}

export async function parts(report: BuiltReport): Promise<Parts> {
  const zip = await JSZip.loadAsync(await reportDocx(report));
  const text = (name: string) => zip.file(name)!.async('string');
  const matching = (re: RegExp) => Object.keys(zip.files).filter((n) => re.test(n));
  return {
    document: await text('word/document.xml'),
    styles: await text('word/styles.xml'),
    settings: await text('word/settings.xml'),
    rels: await text('word/_rels/document.xml.rels'),
    headers: await Promise.all(matching(/^word\/header\d*\.xml$/).map(text)),
    footers: await Promise.all(matching(/^word\/footer\d*\.xml$/).map(text)),
    media: await Promise.all(matching(/^word\/media\//).map((n) => zip.file(n)!.async('nodebuffer'))),
  };
}

export const xmlText = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** Every paragraph (including those in tables and the TOC) with its style and its text as a reader sees it. */
export const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p\b[^>]*>(.*?)<\/w:p>/gs)].map(([, body]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(body!)?.[1] ?? null,
    text: xmlText([...body!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));

export const texts = (xml: string) => paragraphs(xml).map((p) => p.text);
export const styled = (xml: string, style: string) =>
  paragraphs(xml)
    .filter((p) => p.style === style)
    .map((p) => p.text);

export const attr = (element: string, name: string) =>
  xmlText(new RegExp(` ${name}="([^"]*)"`).exec(element)?.[1] ?? '');
