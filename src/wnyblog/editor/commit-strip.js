// Photos on their way to GitHub, found in the API requests that commit them
// (editor.js hands every request to GitHub's API through here). Pure, so the
// tests run it under node on a real phone photo.

const ascii = (bytes, start, end) => String.fromCharCode(...bytes.subarray(start, end));
/** JPEG, PNG, GIF, WebP, TIFF/DNG, HEIC/AVIF: the formats a photo arrives in. */
export function isPhoto(bytes) {
  if (bytes.length < 12) return false;
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return true;
  const head = ascii(bytes, 0, 4);
  return (
    head === "\x89PNG" ||
    head === "GIF8" ||
    head === "II*\0" ||
    head === "MM\0*" ||
    (head === "RIFF" && ascii(bytes, 8, 12) === "WEBP") ||
    ascii(bytes, 4, 8) === "ftyp"
  );
}
function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * A request to GitHub's API with every photo in it stripped by *strip*:
 * the commit's files travel base64-encoded in the request's JSON.
 * @param {URL} url
 * @param {string} body
 * @param {(bytes: Uint8Array, name: string) => Promise<Uint8Array>} strip
 * @returns {Promise<string>}
 */
export async function stripCommitBody(url, body, strip) {
  if (!/"(contents|content)"/.test(body)) return body;
  let data;
  try {
    data = JSON.parse(body);
  } catch {
    return body;
  }
  // Known by their bytes, whatever their name (a blob has none).
  const stripped = async (base64, name) => {
    const bytes = fromBase64(base64);
    return isPhoto(bytes) ? toBase64(await strip(bytes, name)) : base64;
  };
  // GraphQL createCommitOnBranch: input.fileChanges.additions[{path, contents}]
  for (const file of data?.variables?.input?.fileChanges?.additions ?? []) {
    if (typeof file.contents === "string") file.contents = await stripped(file.contents, file.path);
  }
  // REST: PUT /repos/:owner/:repo/contents/:path {content}; POST .../git/blobs {content, encoding}
  if (typeof data?.content === "string" && (data.encoding ?? "base64") === "base64") {
    data.content = await stripped(data.content, decodeURIComponent(url.pathname));
  }
  return JSON.stringify(data);
}

