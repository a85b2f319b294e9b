// Takes location data and device serial numbers out of a photo before the web
// editor commits it, so they never reach the repository (a public repository
// keeps every commit forever).
//
// Only metadata is touched; the picture data is copied byte for byte, so a
// JPEG is never re-encoded and its decoded pixels stay identical. What stays:
// Orientation, the colour profile, camera make and model, and gain maps
// (Ultra HDR / MPF pictures after the photo, their hdrgm XMP, Apple's HDR
// gain map).
//
// How each format is handled (wnyblog/checks/location.py does exactly the
// same in Python; a test runs both on the same photos and compares the bytes):
// - EXIF (JPEG APP1, PNG eXIf, WebP EXIF, the HEIC/AVIF Exif item): rewritten
//   in place, keeping its length: the entries of location-rules.json leave
//   their IFD (the later entries move up, 12 zero bytes close the gap) and the
//   values they pointed to, the GPS IFD included, are overwritten with zeros.
//   Apple's maker note stays (no serial in it; an iPhone gain map's headroom).
//   Nothing else moves, so no offset anywhere (maker notes, HEIC's item
//   locations, MPF) goes stale.
// - XMP (JPEG APP1, PNG iTXt, WebP "XMP ", the HEIC/AVIF XMP item): each
//   location or serial property (attribute or element) is replaced by as many
//   spaces, which XML ignores: same length, everything else kept (hdrgm too).
//   A compressed PNG XMP chunk cannot be read here without a decompressor, so
//   it is dropped whole.
// - IPTC (JPEG APP13): the location datasets are taken out, and the segment
//   shrinks; the MPF index of a multi-picture JPEG is then corrected.
// - TIFF and DNG files are one EXIF structure: the same, in place.
// - XMP in a GIF ("XMP DataXMP" block): the same spaces, in place.
// - PNG text chunks holding ImageMagick's "Raw profile" copies of EXIF, XMP or
//   IPTC are dropped whole.
// Any other format, or a file it cannot follow, is returned unchanged.
//
// The rules come from location-rules.json beside this file (the Python reads
// the same file). A JSON module is fetched under the page's connect-src: the
// admin page's Content-Security-Policy must allow 'self' there.
import RULES from "./location-rules.json" with { type: "json" };

const EXIF_RULES = {
  ifd0: tagMap(RULES.exif.ifd0),
  exif: tagMap(RULES.exif.exif),
  subifds: new Set(RULES.exif.subifds.map((t) => parseInt(t, 16))),
  kept: new Map(Object.entries(RULES.exif.kept_when_value_starts).map(([t, p]) => [parseInt(t, 16), p])),
};
const IPTC_RULES = new Map(Object.entries(RULES.iptc));
const PNG_TEXT_DROPPED = new Set(RULES.png_text_dropped);
const XMP_NAMES = [
  ...RULES.xmp.names.map(escapeName),
  ...RULES.xmp.prefixes.map((p) => escapeName(p) + "[A-Za-z0-9_]*"),
].join("|");
// In this order: empty elements, elements with content, attributes. Byte-wise
// (latin1) text, explicit white space: Python's re reads them the same way.
const XMP_PATTERNS = [
  new RegExp(`<(${XMP_NAMES})(?:[ \\t\\r\\n][^>]*)?/>`, "g"),
  new RegExp(`<(${XMP_NAMES})(?:[ \\t\\r\\n][^>]*)?>[\\s\\S]*?</\\1[ \\t\\r\\n]*>`, "g"),
  new RegExp(`[ \\t\\r\\n]+(${XMP_NAMES})[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"[^"]*"|'[^']*')`, "g"),
];
const TYPE_SIZES = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const EXIF_TAG = "Exif\0\0";
const XMP_TAG = "http://ns.adobe.com/xap/1.0/\0";
const XMP_EXTENSION_TAG = "http://ns.adobe.com/xmp/extension/\0";
const PHOTOSHOP_TAG = "Photoshop 3.0\0";

function tagMap(rules) {
  return new Map(Object.entries(rules).map(([tag, what]) => [parseInt(tag, 16), what]));
}

function escapeName(name) {
  return name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}

/** The photo without location data and serial numbers (the input itself if it has none). */
export function stripLocation(bytes) {
  return stripLocationReport(bytes).bytes;
}

/** The stripped photo and, in order, what was taken out of it (e.g. "EXIF: GPS position"). */
export function stripLocationReport(bytes) {
  const removed = [];
  let out = bytes;
  try {
    if (startsWith(bytes, 0, "\xff\xd8\xff")) out = stripJpeg(bytes, removed);
    else if (startsWith(bytes, 0, "\x89PNG\r\n\x1a\n")) out = stripPng(bytes, removed);
    else if (startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WEBP")) out = stripWebp(bytes, removed);
    else if (startsWith(bytes, 4, "ftyp")) out = stripHeif(bytes, removed);
    else if (startsWith(bytes, 0, "II*\0") || startsWith(bytes, 0, "MM\0*")) out = stripTiffFile(bytes, removed);
    else if (startsWith(bytes, 0, "GIF87a") || startsWith(bytes, 0, "GIF89a")) out = stripGif(bytes, removed);
  } catch (error) {
    // A structure it cannot follow (a DataView read past the end included).
    if (!(error instanceof Malformed || error instanceof RangeError)) throw error;
    return { bytes, removed: [] };
  }
  if (!removed.length) return { bytes, removed };
  return { bytes: out, removed: [...new Set(removed)] };
}

class Malformed extends Error {}

function check(condition) {
  if (!condition) throw new Malformed("not a file this code can follow");
}

function startsWith(bytes, at, text) {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function u16be(b, at) {
  check(at + 2 <= b.length);
  return (b[at] << 8) | b[at + 1];
}

function u32be(b, at) {
  check(at + 4 <= b.length);
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function u32le(b, at) {
  check(at + 4 <= b.length);
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function uint(b, at, size) {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + b[at + i];
  check(at + size <= b.length);
  return value;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ---- EXIF (TIFF structure), rewritten in place -------------------------------

/** Strip the TIFF structure in b[start:end] in place; true if something was removed. */
function stripTiff(b, start, end, removed) {
  check(start + 8 <= end);
  let little;
  if (b[start] === 0x49 && b[start + 1] === 0x49) little = true;
  else if (b[start] === 0x4d && b[start + 1] === 0x4d) little = false;
  else throw new Malformed("no TIFF header");
  const view = new DataView(b.buffer, b.byteOffset + start, end - start);
  const size = end - start;
  check(view.getUint16(2, little) === 42);
  const ifd0 = view.getUint32(4, little);
  const before = removed.length;
  const exifIfd = stripIfd(view, size, little, ifd0, EXIF_RULES.ifd0, removed, 0x8769);
  if (exifIfd !== null) stripIfd(view, size, little, exifIfd, EXIF_RULES.exif, removed, null);
  return removed.length > before;
}

/** Remove the ruled entries of the IFD at `at`; returns the offset under `follow` (or null). */
function stripIfd(view, size, little, at, rules, removed, follow) {
  check(at + 2 <= size);
  let count = view.getUint16(at, little);
  check(at + 2 + count * 12 + 4 <= size);
  let followed = null;
  let i = 0;
  while (i < count) {
    const entry = at + 2 + i * 12;
    const tag = view.getUint16(entry, little);
    if (tag === follow) followed = view.getUint32(entry + 8, little);
    if (!rules.has(tag) || keptValue(view, size, little, entry, tag)) {
      i++;
      continue;
    }
    removed.push(`EXIF: ${rules.get(tag)}`);
    if (EXIF_RULES.subifds.has(tag)) zeroIfd(view, size, little, view.getUint32(entry + 8, little));
    else zeroValue(view, size, little, entry);
    // The later entries and the next-IFD offset move up one place; the freed
    // 12 bytes at the end become zeros.
    const tail = at + 2 + count * 12 + 4;
    for (let j = entry; j < tail - 12; j++) view.setUint8(j, view.getUint8(j + 12));
    for (let j = tail - 12; j < tail; j++) view.setUint8(j, 0);
    count--;
    view.setUint16(at, count, little);
  }
  return followed;
}

/** Whether the entry's value starts as a kept one (Apple's maker note). */
function keptValue(view, size, little, entry, tag) {
  const starts = EXIF_RULES.kept.get(tag);
  const span = starts && valueSpan(view, size, little, entry);
  if (!span) return false;
  return starts.some((text) => {
    if (text.length > span[1]) return false;
    for (let i = 0; i < text.length; i++) if (view.getUint8(span[0] + i) !== text.charCodeAt(i)) return false;
    return true;
  });
}

function valueSpan(view, size, little, entry) {
  const unit = TYPE_SIZES[view.getUint16(entry + 2, little)];
  if (!unit) return null;
  const length = unit * view.getUint32(entry + 4, little);
  if (length <= 4) return null;
  const offset = view.getUint32(entry + 8, little);
  if (offset + length > size) return null;
  return [offset, length];
}

function zeroValue(view, size, little, entry) {
  const span = valueSpan(view, size, little, entry);
  if (span) for (let j = span[0]; j < span[0] + span[1]; j++) view.setUint8(j, 0);
}

function zeroIfd(view, size, little, at) {
  if (at + 2 > size) return;
  const count = view.getUint16(at, little);
  const end = Math.min(size, at + 2 + count * 12 + 4);
  for (let i = 0; i < count && at + 2 + i * 12 + 12 <= size; i++) zeroValue(view, size, little, at + 2 + i * 12);
  for (let j = at; j < end; j++) view.setUint8(j, 0);
}

/** A TIFF or a camera's raw DNG: the file is the TIFF structure. */
function stripTiffFile(b, removed) {
  const out = b.slice();
  stripTiff(out, 0, out.length, removed);
  return out;
}

// ---- XMP, rewritten in place --------------------------------------------------

/** Replace location properties in b[start:end] with spaces, in place. */
function stripXmp(b, start, end, removed) {
  let text = "";
  for (let i = start; i < end; i += 8192) {
    text += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 8192)));
  }
  let found = false;
  for (const pattern of XMP_PATTERNS) {
    text = text.replace(pattern, (match, name) => {
      removed.push(`XMP: ${name}`);
      found = true;
      return " ".repeat(match.length);
    });
  }
  if (!found) return false;
  for (let i = 0; i < text.length; i++) b[start + i] = text.charCodeAt(i);
  return true;
}

// ---- JPEG -------------------------------------------------------------------

/** The metadata segments of the JPEG at b[start:end] up to its picture data: [{marker, at, end}]. */
function jpegSegments(b, start, end) {
  check(b[start] === 0xff && b[start + 1] === 0xd8);
  const segments = [];
  let at = start + 2;
  for (;;) {
    check(at + 4 <= end && b[at] === 0xff);
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return { segments, body: at };
    check(!(marker >= 0xd0 && marker <= 0xd7) && marker !== 0x01);
    const length = u16be(b, at + 2);
    check(length >= 2 && at + 2 + length <= end);
    segments.push({ marker, at, end: at + 2 + length });
    at += 2 + length;
  }
}

/** The JPEG at b[start:end] stripped: its new bytes and the MPF segment's place in them. */
function stripJpegImage(b, start, end, removed) {
  const { segments, body } = jpegSegments(b, start, end);
  const parts = [b.slice(start, start + 2)];
  let length = 2;
  let mpf = null;
  let at = start + 2;
  for (const segment of segments) {
    // Fill bytes between segments are kept as they are.
    if (segment.at > at) {
      parts.push(b.slice(at, segment.at));
      length += segment.at - at;
    }
    let bytes = b.slice(segment.at, segment.end);
    const data = 4;
    if (segment.marker === 0xe1 && startsWith(bytes, data, EXIF_TAG)) {
      stripTiff(bytes, data + EXIF_TAG.length, bytes.length, removed);
    } else if (segment.marker === 0xe1 && startsWith(bytes, data, XMP_TAG)) {
      stripXmp(bytes, data + XMP_TAG.length, bytes.length, removed);
    } else if (segment.marker === 0xe1 && startsWith(bytes, data, XMP_EXTENSION_TAG)) {
      stripXmp(bytes, data + XMP_EXTENSION_TAG.length + 40, bytes.length, removed);
    } else if (segment.marker === 0xed && startsWith(bytes, data, PHOTOSHOP_TAG)) {
      bytes = stripPhotoshop(bytes, removed);
    } else if (segment.marker === 0xe2 && startsWith(bytes, data, "MPF\0")) {
      mpf = length + data + 4;
    }
    parts.push(bytes);
    length += bytes.length;
    at = segment.end;
  }
  parts.push(b.slice(body, end));
  return { bytes: concat(parts), mpf };
}

/** An APP13 segment without the IPTC location datasets. */
function stripPhotoshop(segment, removed) {
  const parts = [];
  let at = 4 + PHOTOSHOP_TAG.length;
  parts.push(segment.slice(0, at));
  let changed = false;
  while (at + 12 <= segment.length && startsWith(segment, at, "8BIM")) {
    const id = u16be(segment, at + 4);
    const nameLength = segment[at + 6];
    const sizeAt = at + 6 + ((nameLength + 2) & ~1);
    const size = u32be(segment, sizeAt);
    const dataAt = sizeAt + 4;
    const next = dataAt + size + (size & 1);
    check(dataAt + size <= segment.length);
    if (id === 0x0404) {
      const kept = stripIptc(segment.subarray(dataAt, dataAt + size), removed);
      if (kept.length !== size) {
        changed = true;
        const head = segment.slice(at, dataAt);
        new DataView(head.buffer).setUint32(sizeAt - at, kept.length, false);
        parts.push(head, kept);
        if (kept.length & 1) parts.push(new Uint8Array(1));
        at = Math.min(next, segment.length);
        continue;
      }
    }
    parts.push(segment.slice(at, Math.min(next, segment.length)));
    at = Math.min(next, segment.length);
  }
  if (!changed) return segment;
  parts.push(segment.slice(at));
  const out = concat(parts);
  check(out.length - 2 <= 0xffff);
  new DataView(out.buffer).setUint16(2, out.length - 2, false);
  return out;
}

function stripIptc(data, removed) {
  const parts = [];
  let at = 0;
  while (at + 5 <= data.length && data[at] === 0x1c) {
    const length = u16be(data, at + 3);
    check(!(length & 0x8000) && at + 5 + length <= data.length);
    const what = IPTC_RULES.get(`${data[at + 1]}:${data[at + 2]}`);
    if (what) removed.push(`IPTC: ${what}`);
    else parts.push(data.subarray(at, at + 5 + length));
    at += 5 + length;
  }
  parts.push(data.subarray(at));
  return concat(parts);
}

/** The MP entries of the MPF segment whose TIFF header is at b[base]: [{at, size, offset}]. */
function mpEntries(b, base) {
  const little = b[base] === 0x49;
  check(little || b[base] === 0x4d);
  const view = new DataView(b.buffer, b.byteOffset);
  const ifd = base + view.getUint32(base + 4, little);
  check(ifd + 2 <= b.length);
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    check(entry + 12 <= b.length);
    if (view.getUint16(entry, little) !== 0xb002) continue;
    const number = Math.floor(view.getUint32(entry + 4, little) / 16);
    const list = base + view.getUint32(entry + 8, little);
    const entries = [];
    for (let n = 0; n < number; n++) {
      const at = list + n * 16;
      check(at + 16 <= b.length);
      entries.push({ at, size: view.getUint32(at + 4, little), offset: view.getUint32(at + 8, little) });
    }
    return { little, entries };
  }
  throw new Malformed("MPF without an MP entry list");
}

function stripJpeg(b, removed) {
  const first = stripJpegImage(b, 0, b.length, removed);
  if (first.mpf === null) return first.bytes;
  // A multi-picture file (gain map, depth map): the MPF index says where each
  // picture starts, counted from the MPF header of the first; strip each, and
  // point the index at where they are now.
  const original = jpegSegments(b, 0, b.length).segments.find(
    (s) => s.marker === 0xe2 && startsWith(b, s.at + 4, "MPF\0"),
  );
  const base = original.at + 8;
  const { entries } = mpEntries(b, base);
  check(entries.length > 0 && entries[0].offset === 0 && entries[0].size <= b.length);
  const others = entries.slice(1).filter((e) => e.offset !== 0);
  for (const e of others) check(base + e.offset + e.size <= b.length && base + e.offset >= entries[0].size);
  const order = [...others].sort((x, y) => x.offset - y.offset);
  const primary = stripJpegImage(b, 0, entries[0].size, removed);
  const parts = [primary.bytes];
  let length = primary.bytes.length;
  let at = entries[0].size;
  const placed = new Map();
  for (const e of order) {
    const start = base + e.offset;
    check(start >= at);
    parts.push(b.slice(at, start));
    length += start - at;
    const image = stripJpegImage(b, start, start + e.size, removed).bytes;
    placed.set(e, { start: length, size: image.length });
    parts.push(image);
    length += image.length;
    at = start + e.size;
  }
  parts.push(b.slice(at));
  const out = concat(parts);
  const newBase = primary.mpf;
  const { little, entries: fresh } = mpEntries(out, newBase);
  const view = new DataView(out.buffer);
  view.setUint32(fresh[0].at + 4, primary.bytes.length, little);
  entries.forEach((e, n) => {
    const where = placed.get(e);
    if (!where) return;
    view.setUint32(fresh[n].at + 4, where.size, little);
    view.setUint32(fresh[n].at + 8, where.start - newBase, little);
  });
  return out;
}

// ---- PNG --------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function keyword(chunk) {
  const end = chunk.indexOf(0, 8);
  return end < 0 ? "" : String.fromCharCode.apply(null, chunk.subarray(8, end));
}

function stripPng(b, removed) {
  const parts = [b.slice(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    check(at + 12 + length <= b.length);
    const type = String.fromCharCode.apply(null, b.subarray(at + 4, at + 8));
    const chunk = b.slice(at, at + 12 + length);
    at += 12 + length;
    let changed = false;
    if (type === "eXIf") {
      changed = stripTiff(chunk, 8, 8 + length, removed);
    } else if (["tEXt", "zTXt", "iTXt"].includes(type) && PNG_TEXT_DROPPED.has(keyword(chunk).toLowerCase())) {
      removed.push(`PNG text: ${keyword(chunk)}`);
      continue;
    } else if (type === "iTXt" && keyword(chunk) === "XML:com.adobe.xmp") {
      const flag = 8 + "XML:com.adobe.xmp".length + 1;
      check(flag + 2 <= 8 + length);
      if (chunk[flag] !== 0) {
        removed.push("XMP: compressed, not readable here");
        continue;
      }
      let text = flag + 2;
      for (let skip = 0; skip < 2; skip++) {
        const zero = chunk.indexOf(0, text);
        check(zero >= 0 && zero < 8 + length);
        text = zero + 1;
      }
      changed = stripXmp(chunk, text, 8 + length, removed);
    }
    if (changed) new DataView(chunk.buffer).setUint32(8 + length, crc32(chunk.subarray(4, 8 + length)), false);
    parts.push(chunk);
    if (type === "IEND") break;
  }
  parts.push(b.slice(at));
  return concat(parts);
}

// ---- WebP -------------------------------------------------------------------

function stripWebp(b, removed) {
  const out = b.slice();
  let at = 12;
  while (at + 8 <= out.length) {
    const size = u32le(out, at + 4);
    const data = at + 8;
    check(data + size <= out.length);
    if (startsWith(out, at, "EXIF")) {
      const tiff = startsWith(out, data, EXIF_TAG) ? data + EXIF_TAG.length : data;
      stripTiff(out, tiff, data + size, removed);
    } else if (startsWith(out, at, "XMP ")) {
      stripXmp(out, data, data + size, removed);
    }
    at = data + size + (size & 1);
  }
  return out;
}

// ---- GIF --------------------------------------------------------------------

// XMP sits raw in a GIF's "XMP DataXMP" application block, followed by a
// "magic trailer" that lets a decoder skip any bytes without a zero: spaces
// in place of a property keep the file readable.
function stripGif(b, removed) {
  const out = b.slice();
  check(b.length >= 13);
  let at = 13;
  if (b[10] & 0x80) at += 3 * 2 ** ((b[10] & 7) + 1);
  for (;;) {
    check(at < b.length);
    const intro = b[at];
    if (intro === 0x3b) return out;
    if (intro === 0x21) {
      if (b[at + 1] === 0xff && b[at + 2] === 11 && startsWith(b, at + 3, "XMP DataXMP")) {
        const end = indexOf(b, [0x01, 0xff, 0xfe], at + 14);
        check(end > 0);
        stripXmp(out, at + 14, end, removed);
      }
      at = skipSubBlocks(b, at + 2);
    } else if (intro === 0x2c) {
      check(at + 10 <= b.length);
      const flags = b[at + 9];
      at += 10;
      if (flags & 0x80) at += 3 * 2 ** ((flags & 7) + 1);
      at = skipSubBlocks(b, at + 1);
    } else {
      throw new Malformed("not a GIF block");
    }
  }
}

function skipSubBlocks(b, at) {
  for (;;) {
    check(at < b.length);
    if (b[at] === 0) return at + 1;
    at += b[at] + 1;
  }
}

function indexOf(b, needle, from) {
  outer: for (let i = from; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// ---- HEIC / AVIF (ISO base media file format) ---------------------------------

/** The boxes in b[start:end]: [{type, at, data, end}]. */
function boxes(b, start, end) {
  const list = [];
  let at = start;
  while (at + 8 <= end) {
    let size = u32be(b, at);
    const type = String.fromCharCode.apply(null, b.subarray(at + 4, at + 8));
    let data = at + 8;
    if (size === 1) {
      size = uint(b, at + 8, 8);
      data = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    check(size >= data - at && at + size <= end);
    list.push({ type, at, data, end: at + size });
    at += size;
  }
  return list;
}

function cString(b, at, end) {
  const zero = b.indexOf(0, at);
  check(zero >= 0 && zero < end);
  return { text: String.fromCharCode.apply(null, b.subarray(at, zero)), next: zero + 1 };
}

/** The Exif and XMP items of the file's meta box: [{kind, extents: [[start, length]]}]. */
function heifItems(b) {
  const meta = boxes(b, 0, b.length).find((box) => box.type === "meta");
  if (!meta) return [];
  const children = boxes(b, meta.data + 4, meta.end);
  const kinds = new Map();
  const iinf = children.find((box) => box.type === "iinf");
  const iloc = children.find((box) => box.type === "iloc");
  const idat = children.find((box) => box.type === "idat");
  if (!iinf || !iloc) return [];
  const countSize = b[iinf.data] === 0 ? 2 : 4;
  for (const infe of boxes(b, iinf.data + 4 + countSize, iinf.end)) {
    const version = b[infe.data];
    if (infe.type !== "infe" || version < 2) continue;
    const idSize = version === 2 ? 2 : 4;
    const id = uint(b, infe.data + 4, idSize);
    const typeAt = infe.data + 4 + idSize + 2;
    const type = String.fromCharCode.apply(null, b.subarray(typeAt, typeAt + 4));
    if (type === "Exif") kinds.set(id, "Exif");
    if (type === "mime") {
      const name = cString(b, typeAt + 4, infe.end);
      const content = cString(b, name.next, infe.end).text;
      if (content === "application/rdf+xml") kinds.set(id, "XMP");
    }
  }
  const version = b[iloc.data];
  let at = iloc.data + 4;
  const offsetSize = b[at] >> 4;
  const lengthSize = b[at] & 15;
  const baseSize = b[at + 1] >> 4;
  const indexSize = version >= 1 ? b[at + 1] & 15 : 0;
  at += 2;
  const idSize = version < 2 ? 2 : 4;
  const count = uint(b, at, idSize);
  at += idSize;
  const items = [];
  for (let n = 0; n < count; n++) {
    const id = uint(b, at, idSize);
    at += idSize;
    let method = 0;
    if (version >= 1) {
      method = u16be(b, at) & 15;
      at += 2;
    }
    at += 2; // data reference index
    const baseOffset = uint(b, at, baseSize);
    at += baseSize;
    const extentCount = u16be(b, at);
    at += 2;
    const extents = [];
    for (let e = 0; e < extentCount; e++) {
      at += indexSize;
      const offset = uint(b, at, offsetSize);
      const length = uint(b, at + offsetSize, lengthSize);
      at += offsetSize + lengthSize;
      extents.push([offset, length]);
    }
    if (!kinds.has(id) || method > 1) continue;
    check(method === 0 || idat);
    const origin = method === 1 ? idat.data + baseOffset : baseOffset;
    const placed = extents.map(([offset, length]) => [origin + offset, length]);
    for (const [start, length] of placed) check(length > 0 && start + length <= b.length);
    items.push({ kind: kinds.get(id), extents: placed });
  }
  return items;
}

function stripHeif(b, removed) {
  const out = b.slice();
  for (const item of heifItems(out)) {
    // An item may be stored in pieces: gather, strip (the length stays), scatter back.
    const data = concat(item.extents.map(([start, length]) => out.subarray(start, start + length)));
    if (item.kind === "Exif") {
      check(data.length >= 4);
      let tiff = 4 + u32be(data, 0);
      if (startsWith(data, 4, EXIF_TAG) && tiff < 4 + EXIF_TAG.length) tiff = 4 + EXIF_TAG.length;
      stripTiff(data, tiff, data.length, removed);
    } else {
      stripXmp(data, 0, data.length, removed);
    }
    let at = 0;
    for (const [start, length] of item.extents) {
      out.set(data.subarray(at, at + length), start);
      at += length;
    }
  }
  return out;
}
