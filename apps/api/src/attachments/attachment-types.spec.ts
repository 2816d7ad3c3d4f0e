import { checkAttachmentType, cleanFilename, contentDisposition } from './attachment-types';

const PDF = Buffer.from('%PDF-1.7\n...');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('checkAttachmentType', () => {
  it('accepts a file whose declared type, extension and leading bytes agree', () => {
    expect(checkAttachmentType('a.pdf', 'application/pdf', PDF)).toEqual({ ok: true, mediaType: 'application/pdf' });
    expect(checkAttachmentType('A.PNG', 'image/png', PNG)).toEqual({ ok: true, mediaType: 'image/png' });
    expect(checkAttachmentType('p.jpeg', 'image/jpg', Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toEqual({
      ok: true,
      mediaType: 'image/jpeg',
    });
    expect(checkAttachmentType('t.docx', `${DOCX}; charset=binary`, ZIP)).toEqual({ ok: true, mediaType: DOCX });
    expect(checkAttachmentType('t.xlsx', XLSX, ZIP)).toEqual({ ok: true, mediaType: XLSX });
  });

  it.each([
    ['a type not on the list', 'a.txt', 'text/plain', Buffer.from('x')],
    ['no declared type', 'a.pdf', undefined, PDF],
    ['content that is not what is declared', 'a.pdf', 'application/pdf', PNG],
    ['an extension of another type', 'a.png', 'application/pdf', PDF],
    ['a DOCX name declared as XLSX', 'a.docx', XLSX, ZIP],
    ['a file shorter than the signature', 'a.png', 'image/png', Buffer.from([0x89, 0x50])],
  ])('refuses %s', (_, name, type, bytes) => {
    expect(checkAttachmentType(name, type, bytes)).toEqual({ ok: false, message: expect.any(String) });
  });
});

describe('file names', () => {
  it('drops directories and control characters and composes Vietnamese to NFC', () => {
    expect(cleanFilename('C:\\Users\\x\\..\\Tờ trình.pdf')).toBe('Tờ trình.pdf');
    expect(cleanFilename('../../etc/pass\u0000wd.pdf')).toBe('passwd.pdf');
    expect(cleanFilename('To\u0302\u0300 tri\u0300nh.pdf')).toBe('Tồ trình.pdf');
  });

  it('gives downloads an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Đề án "mới" (bản 2).pdf')).toBe(
      `attachment; filename="De an _moi_ (ban 2).pdf"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20%22m%E1%BB%9Bi%22%20%28b%E1%BA%A3n%202%29.pdf`,
    );
  });
});
