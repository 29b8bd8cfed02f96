/**
 * The studio's .xlsx upload bounds (`studio/src/lib/xlsx-limits.ts`), checked on real and
 * hand-built zip archives before anything is unzipped.
 */
import { deflateRawSync } from 'node:zlib';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { xlsxTooLarge } from '../../studio/src/lib/xlsx-limits.ts';

/** A zip archive whose central directory declares the given entries (data as given). */
function zip(entries: Array<{ name: string; data: Uint8Array; uncompressed: number }>): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.uncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(e.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.uncompressed, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(dirBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dirBytes, eocd]));
}

describe('xlsx upload limits', () => {
  it('lets a real workbook through', async () => {
    const stream = await writeExcelFile([[{ value: 'employee' }, { value: 'complaints' }], [{ value: 'CS01' }, { value: 2 }]] as never).toBuffer();
    expect(xlsxTooLarge(new Uint8Array(stream))).toBeUndefined();
  });

  it('refuses a zip bomb: 50 MB of zeros packed into a few kilobytes', () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const packed = deflateRawSync(zeros);
    expect(packed.length).toBeLessThan(100_000);
    expect(xlsxTooLarge(zip([{ name: 'xl/worksheets/sheet1.xml', data: packed, uncompressed: zeros.length }]))).toBe('the workbook expands far more than a spreadsheet does (a zip bomb?)');
  });

  it('refuses archives declaring more than 200 MB, ZIP64 archives, files over 20 MB and non-zip files', () => {
    const part = (name: string) => ({ name, data: new Uint8Array(10), uncompressed: 150 * 1024 * 1024 });
    expect(xlsxTooLarge(zip([part('a'), part('b')]), { maxFileBytes: 1e9, maxEntries: 10, maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 1e12 })).toBe('the workbook unpacks to more than 200 MB');
    expect(xlsxTooLarge(zip([{ name: 'a', data: new Uint8Array(10), uncompressed: 0xffffffff }]))).toBe('the workbook is too large (a ZIP64 archive)');
    expect(xlsxTooLarge(new Uint8Array(20 * 1024 * 1024 + 1))).toBe('the file is larger than 20 MB');
    expect(xlsxTooLarge(new TextEncoder().encode('employee,complaints\n'))).toBe('the file is not an .xlsx workbook (no zip directory)');
  });
});
