/**
 * @module inputs/decode
 * Turning an inputs file's bytes into text: UTF-8 (a byte-order mark is dropped) or, when the
 * bytes are not UTF-8, GB18030 (a superset of GBK, what Excel on Chinese Windows saves as "CSV").
 * Both decoders are strict: a byte sequence that is neither is reported with the row it is on,
 * never silently replaced with U+FFFD (a replaced character would be imported as data).
 * `TextDecoder('gb18030', { fatal: true })` exists in Node and in every browser.
 */

/** How a file's text was encoded. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** The text of a file, or the 1-based row (line) holding its first byte that is neither encoding. */
export type DecodedText = { text: string; encoding: TextEncodingName } | { badRow: number };

/**
 * Decode a file: strict UTF-8 first, strict GB18030 when the bytes are not UTF-8. A file that
 * has a byte-order mark, or lines with valid UTF-8 characters, is UTF-8 with a broken row (GB18030
 * would read most such bytes as wrong Chinese characters without complaint).
 * @example decodeInputBytes(new Uint8Array([0x61, 0x2c, 0xb2, 0xbb])) // { text: 'a,不', encoding: 'gb18030' }
 */
export function decodeInputBytes(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const utf8 = strictDecode('utf-8', body);
  if (utf8 !== undefined) return { text: utf8, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  const lines = scanLines(body);
  if (bom || lines.someUtf8) return { badRow: lines.firstBadUtf8 };
  const gbk = strictDecode('gb18030', body);
  if (gbk !== undefined) return { text: gbk, encoding: 'gb18030' };
  return { badRow: lines.firstBadGbk };
}

function strictDecode(encoding: 'utf-8' | 'gb18030', bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: a BOM was already cut off above; a second one is data.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Per line: the first that is not UTF-8, the first that is not GB18030, and whether some line
 * with non-ASCII bytes is valid UTF-8. Line feeds (0x0A) never occur inside a UTF-8 or GB18030
 * multi-byte character, so each line decodes on its own.
 */
function scanLines(bytes: Uint8Array): { firstBadUtf8: number; firstBadGbk: number; someUtf8: boolean } {
  let firstBadUtf8 = 0;
  let firstBadGbk = 0;
  let someUtf8 = false;
  let line = 1;
  let start = 0;
  let ascii = true;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) {
      if (bytes[i] >= 0x80) ascii = false;
      continue;
    }
    if (!ascii) {
      const piece = bytes.subarray(start, i);
      if (strictDecode('utf-8', piece) === undefined) firstBadUtf8 ||= line;
      else someUtf8 = true;
      if (!firstBadGbk && strictDecode('gb18030', piece) === undefined) firstBadGbk = line;
    }
    line++;
    start = i + 1;
    ascii = true;
  }
  return { firstBadUtf8: firstBadUtf8 || 1, firstBadGbk: firstBadGbk || 1, someUtf8 };
}
