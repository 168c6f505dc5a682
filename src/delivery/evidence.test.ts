import { describe, expect, it } from 'vitest';
import { checkEvidenceFile, checkEvidenceLinks, EvidenceError, safeFileName } from './evidence.ts';

/* Evidence checks by hand-made first bytes: the extension and the contents must agree. */

const zipWith = (entry: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry)]);

describe('evidence files', () => {
  it('accepts each kind by its first bytes, with its media type', () => {
    const kinds = [
      [
        'minutes.docx',
        zipWith('word/document.xml'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      ['figures.xlsx', zipWith('xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['photo.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'image/jpeg'],
      ['report.pdf', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
      ['counts.csv', Buffer.from('ward,count\nSpitalfields,3\n'), 'text/csv'],
    ] as const;
    for (const [name, bytes, mediaType] of kinds) expect(checkEvidenceFile(name, bytes).mediaType).toBe(mediaType);
  });

  it('refuses a file whose contents are another kind, naming the file field', () => {
    const wrong = [
      [
        'figures.docx',
        zipWith('xl/workbook.xml'),
        'figures.docx is called .docx but its contents are not a Word document',
      ],
      ['page.pdf', Buffer.from('<html><script>'), 'page.pdf is called .pdf but its contents are not a PDF'],
      ['empty.png', Buffer.alloc(0), 'empty.png is empty'],
      ['notes.txt', Buffer.from('x'), 'notes.txt is not a PDF, DOCX, XLSX, PNG, JPEG or CSV file'],
    ] as const;
    for (const [name, bytes, message] of wrong)
      expect(() => checkEvidenceFile(name, bytes)).toThrow(new EvidenceError('file', message));
  });

  it('keeps only a safe name, and only http and https links', () => {
    expect(safeFileName('C:\\Users\\me\\"evil".pdf')).toBe('_evil_.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(checkEvidenceLinks('https://example.org/a b\n\nhttp://example.org/x\n')).toEqual([
      'https://example.org/a%20b',
      'http://example.org/x',
    ]);
    expect(() => checkEvidenceLinks('ftp://example.org/x')).toThrow(
      new EvidenceError('links', '"ftp://example.org/x" is not a web address: only http and https links'),
    );
  });
});
