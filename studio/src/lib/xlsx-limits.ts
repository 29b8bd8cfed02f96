/**
 * @module lib/xlsx-limits
 * Bounds on an uploaded .xlsx before it is unzipped in the browser: an .xlsx is a zip archive,
 * and a small one can declare gigabytes of sheet XML (a zip bomb) that would freeze the tab. The
 * archive's central directory (at its end) lists every entry's compressed and uncompressed size;
 * the file is refused when it is too big, has too many entries, declares too much data, or an
 * entry expands more than a spreadsheet ever does. The CSV made from the sheet is then held to
 * the import's own limits by the server.
 */

/** The most an .xlsx may be: bytes on disk, entries, declared uncompressed bytes, expansion ratio. */
export const XLSX_LIMITS = { maxFileBytes: 20 * 1024 * 1024, maxEntries: 10_000, maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 200 };

/**
 * Why the archive is refused, in plain words, or undefined when it is within the limits.
 * @example xlsxTooLarge(new Uint8Array(await file.arrayBuffer())) // undefined
 */
export function xlsxTooLarge(bytes: Uint8Array, limits = XLSX_LIMITS): string | undefined {
  if (bytes.length > limits.maxFileBytes) return `the file is larger than ${limits.maxFileBytes / 1024 / 1024} MB`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'the file is not an .xlsx workbook (no zip directory)';
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (entries === 0xffff || at === 0xffffffff) return 'the workbook is too large (a ZIP64 archive)';
  if (entries > limits.maxEntries) return `the workbook has more than ${limits.maxEntries} parts`;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return 'the file is not an .xlsx workbook (its zip directory is damaged)';
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return 'the workbook is too large (a ZIP64 archive)';
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) return `the workbook unpacks to more than ${limits.maxUncompressedBytes / 1024 / 1024} MB`;
    if (uncompressed > 1024 * 1024 && uncompressed > compressed * limits.maxRatio) return 'the workbook expands far more than a spreadsheet does (a zip bomb?)';
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return undefined;
}
