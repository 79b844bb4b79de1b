/**
 * A file's text whatever its encoding marks it as: UTF-8 with or without a byte-order mark, or
 * UTF-16 (Windows PowerShell's `>` writes UTF-16 LE with a BOM).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node decodes only little-endian UTF-16: swap each pair of bytes first.
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
