import { describe, expect, it } from 'vitest';
import { safeFilename, signedMediaPath, sniffImage, validMediaSignature } from './inbox-attachments.ts';

const bytes = (hex: string, pad = 16) => Buffer.concat([Buffer.from(hex, 'hex'), Buffer.alloc(pad)]);

describe('inbox attachments', () => {
  it('knows an image by its bytes, whatever it is called', () => {
    expect(sniffImage(bytes('89504e470d0a1a0a'))?.type).toBe('image/png');
    expect(sniffImage(bytes('ffd8ffe0'))?.type).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a\0\0\0\0\0\0\0\0'))?.type).toBe('image/gif');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.type).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7 aaaaaaaa'))).toBeNull();
    expect(sniffImage(Buffer.from([0x89, 0x50]))).toBeNull();
  });

  it('keeps a file name short, printable and ending in its real type', () => {
    expect(safeFilename('../../etc/\u202Egnp.exe', 'png')).toBe('gnp.png');
    expect(safeFilename('C:\\Users\\ann\\label.PNG', 'png')).toBe('label.png');
    expect(safeFilename('a\u0000b\u0007"c".jpg', 'jpg')).toBe('abc.jpg');
    expect(safeFilename('', 'gif')).toBe('image.gif');
    expect(safeFilename(`${'x'.repeat(300)}.png`, 'png')).toHaveLength(120 + 4);
  });

  it('signs media addresses per id', () => {
    const path = signedMediaPath('secret', {
      id: '0190a0a0-0000-7000-8000-000000000001',
      filename: 'a b.png',
    });
    const [, , id, signature, name] = path.split('/');
    expect(name).toBe('a%20b.png');
    expect(validMediaSignature('secret', id!, signature!)).toBe(true);
    expect(validMediaSignature('other', id!, signature!)).toBe(false);
    expect(validMediaSignature('secret', '0190a0a0-0000-7000-8000-000000000002', signature!)).toBe(false);
  });
});
