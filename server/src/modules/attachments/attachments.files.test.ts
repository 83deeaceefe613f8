import { describe, expect, it } from 'vitest';
import { cleanFilename, contentDisposition, resolveType, sniff } from './attachments.files';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
const OLE = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const EXE = new TextEncoder().encode('MZ\x90\x00\x03');

describe('attachment types', () => {
  it('recognises signatures', () => {
    expect(sniff(PNG)).toBe('png');
    expect(sniff(PDF)).toBe('pdf');
    expect(sniff(JPEG)).toBe('jpeg');
    expect(sniff(EXE)).toBeNull();
    expect(sniff(new Uint8Array())).toBeNull();
  });

  it('accepts an allowed extension whose content matches', () => {
    expect(resolveType('现场照片.PNG', PNG)).toEqual({ mime: 'image/png', ext: 'png' });
    expect(resolveType('a.jpeg', JPEG)).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(resolveType('方案.pdf', PDF)).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(resolveType('台账.xlsx', ZIP)?.ext).toBe('xlsx');
    expect(resolveType('汇报.doc', OLE)?.ext).toBe('doc');
  });

  it('refuses executables, renamed files and unknown extensions', () => {
    expect(resolveType('setup.exe', EXE)).toBeNull();
    expect(resolveType('photo.png', EXE)).toBeNull();
    expect(resolveType('photo.png', PDF)).toBeNull();
    expect(resolveType('archive.zip', ZIP)).toBeNull();
    expect(resolveType('noext', PNG)).toBeNull();
  });

  it('cleans names and encodes the download header', () => {
    expect(cleanFilename('C:\\Users\\x\\照片.png')).toBe('照片.png');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a"b\u0000.pdf')).toBe('a_b_.pdf');
    expect(cleanFilename(`${'长'.repeat(200)}.pdf`)).toMatch(/^长+\.pdf$/);
    expect(cleanFilename(`${'长'.repeat(200)}.pdf`).length).toBe(120);
    expect(cleanFilename('a\u0085b\u009f.pdf')).toBe('a_b_.pdf');
    expect(cleanFilename('invoice\u202efdp.exe')).toBe('invoice_fdp.exe');
    expect(cleanFilename('a\ud800b.pdf')).toBe('a_b.pdf');
    const emoji = cleanFilename(`a${'😀'.repeat(100)}.pdf`);
    expect(Buffer.from(emoji, 'utf8').toString('utf8')).toBe(emoji); // no pair cut in half
    expect(emoji.endsWith('😀.pdf')).toBe(true);
    expect(contentDisposition('进展.pdf', 'application/pdf')).toBe(
      `inline; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('进展.pdf')}`,
    );
    expect(contentDisposition('a.xlsx', 'application/vnd.ms-excel')).toMatch(/^attachment;/);
  });
});
