// The blog's additions to Sveltia CMS, loaded by admin/index.html after the
// bundle and before the page has finished loading (Sveltia starts then):
//   1. nothing leaves for another site: the bundle's update check, GitHub
//      status poll and web fonts would reach unpkg.com, githubstatus.com and
//      jsdelivr.net; fetches go only to this site and GitHub's API, and the
//      fonts come from admin/fonts/ (the import map in index.html does the
//      same for the code it would load from unpkg.com);
//   2. posts are read and written by ./post-format.js, byte for byte;
//   3. a new post's folder is what `blog new` would name it (./slugify.js);
//   4. every photo is stripped of its location and serial numbers before it
//      is written to the repository (./strip-location.js, from the location
//      work), whichever way it came in: the strip happens where files are
//      committed, on GitHub or on the local disk.
//   5. buttons for the blog's own blocks in the body.
import { fromFile, toFile, SOURCE } from "./post-format.js";
import { slugify } from "./slugify.js";

const HERE = new URL(".", import.meta.url);
const GITHUB_API = "https://api.github.com";
const ALLOWED = new Set([location.origin, GITHUB_API]);
const settings = JSON.parse(document.getElementById("wnyblog-editor").textContent);

// --- 1. no other site -------------------------------------------------------

const realFetch = window.fetch.bind(window);
function requestUrl(input) {
  return new URL(input instanceof Request ? input.url : String(input), location.href);
}
window.fetch = async (input, init) => {
  const url = requestUrl(input);
  if (!["blob:", "data:"].includes(url.protocol) && !ALLOWED.has(url.origin)) {
    // The bundle catches this and carries on: no update banner, no status.
    throw new TypeError(`the blog's editor does not contact ${url.origin}`);
  }
  if (url.origin === GITHUB_API && init?.body && typeof init.body === "string") {
    return realFetch(input, { ...init, body: await stripInGitHubRequest(url, init.body) });
  }
  return realFetch(input, init);
};

const FONT_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/";
const FONTS = {
  "source-sans-3:vf@5.3.0/latin-wght-normal.woff2": "source-sans-3-latin-wght-normal.woff2",
  "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
    "material-symbols-outlined-latin-wght-normal.woff2",
  "noto-mono@5.3.0/latin-400-normal.woff2": "noto-mono-latin-400-normal.woff2",
};
function ownFonts(style) {
  const css = style.textContent;
  if (!css.includes(FONT_CDN)) return;
  style.textContent = css.replaceAll(/https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([^)\s]+)/g, (all, name) =>
    FONTS[name] ? new URL(`fonts/${FONTS[name]}`, HERE).href : "data:,",
  );
}
// The bundle's viewport forbids zooming (maximum-scale=1): a writer with low
// vision must be able to zoom in on a phone (WCAG 1.4.4; axe's meta-viewport).
function zoomable(meta) {
  const content = meta.getAttribute("content") ?? "";
  if (/maximum-scale/.test(content)) {
    meta.setAttribute("content", content.replace(/,?\s*maximum-scale=[^,]*/, ""));
  }
}
// Fonts load when text first uses them, after this observer has run.
new MutationObserver((records) => {
  for (const record of records) {
    if (record.target instanceof HTMLMetaElement && record.target.name === "viewport") {
      zoomable(record.target);
    }
    for (const node of record.addedNodes) {
      if (node instanceof HTMLStyleElement) ownFonts(node);
      if (node instanceof HTMLMetaElement && node.name === "viewport") zoomable(node);
    }
  }
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ["content"],
});

// --- 4. photos without location ---------------------------------------------

const PHOTO = /\.(jpe?g|png|webp|heic|heif|avif|tiff?)$/i;
let stripper;
async function strip(bytes, name) {
  stripper ??= import("./strip-location.js").catch((error) => {
    stripper = undefined;
    throw error;
  });
  let module;
  try {
    module = await stripper;
  } catch (error) {
    // Fail closed: a photo with its location must never reach the repository.
    const message = `The editor could not remove the location from ${name}, so it did not save it.`;
    alert(message);
    throw new Error(message, { cause: error });
  }
  return module.stripLocation(bytes);
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

/** GitHub: the commit's file contents travel base64-encoded in the request. */
async function stripInGitHubRequest(url, body) {
  if (!/"(contents|content)"/.test(body)) return body;
  let data;
  try {
    data = JSON.parse(body);
  } catch {
    return body;
  }
  // GraphQL createCommitOnBranch: input.fileChanges.additions[{path, contents}]
  const additions = data?.variables?.input?.fileChanges?.additions ?? [];
  for (const file of additions) {
    if (PHOTO.test(file.path ?? "")) {
      file.contents = toBase64(await strip(fromBase64(file.contents), file.path));
    }
  }
  // REST: PUT /repos/:owner/:repo/contents/:path {content}; POST .../git/blobs {content, encoding}
  const path = decodeURIComponent(url.pathname);
  if (typeof data?.content === "string" && (data.encoding ?? "base64") === "base64" && PHOTO.test(path)) {
    data.content = toBase64(await strip(fromBase64(data.content), path));
  }
  return JSON.stringify(data);
}

/** The local folder (directory picker): files are written through handles. */
if (window.FileSystemFileHandle) {
  const createWritable = FileSystemFileHandle.prototype.createWritable;
  FileSystemFileHandle.prototype.createWritable = async function (...args) {
    const writable = await createWritable.apply(this, args);
    if (!PHOTO.test(this.name)) return writable;
    const name = this.name;
    const write = writable.write.bind(writable);
    writable.write = async (data) => {
      let bytes = null;
      if (data instanceof Blob) bytes = new Uint8Array(await data.arrayBuffer());
      else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
      else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      return write(bytes ? await strip(bytes, name) : data);
    };
    return writable;
  };
}

// --- 2. and 3. posts as they are written -----------------------------------

CMS.registerCustomFormat(settings.format, "md", {
  fromFile: (text) => fromFile(text),
  toFile: (data) => toFile(data, settings.keys),
});

// The folder of a new post follows its title as `blog new` names it. Sveltia
// builds the path from the Address field, which the editor keeps equal to
// slugify(title) as the writer types (it is read-only in the form).
document.addEventListener(
  "input",
  (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || event.wnybogAddress) return;
    const field = input.closest("[data-key-path]");
    if (field?.dataset.keyPath !== settings.heading) return;
    const address = document.querySelector(`[data-key-path="${settings.address}"] input`);
    if (!address) return;
    address.value = slugify(input.value);
    const update = new Event("input", { bubbles: true });
    update.wnybogAddress = true;
    address.dispatchEvent(update);
  },
  true,
);

// --- 5. the blog's own blocks in the body ----------------------------------

// Registered for the rich-text mode; the form uses the Markdown mode (see
// publish/editor.py), where these same snippets are what the buttons insert.
export const BLOCKS = [
  {
    id: "crisis-resources",
    label: "Crisis resources",
    icon: "emergency",
    fields: [],
    pattern: /^```\{crisis-resources\}\n```$/m,
    toBlock: () => "```{crisis-resources}\n```",
    toPreview: () => "<p><strong>Crisis resources</strong> (the blog's box with 988 and the clinic)</p>",
  },
  {
    id: "note",
    label: "Note",
    icon: "info",
    fields: [{ name: "text", label: "Note", widget: "text", required: true }],
    pattern: /^```\{note\}\n([\s\S]*?)\n```$/m,
    toBlock: ({ text = "" }) => `\`\`\`{note}\n${text}\n\`\`\``,
    toPreview: ({ text = "" }) => `<aside><strong>Note</strong><p>${escapeHtml(text)}</p></aside>`,
  },
  {
    id: "picture",
    label: "Picture with its description",
    icon: "image",
    fields: [
      { name: "src", label: "Picture", widget: "image", required: true },
      {
        name: "alt",
        label: "What the picture shows",
        hint: "For readers who cannot see it: what is in the picture, in a sentence.",
        widget: "string",
        required: true,
      },
    ],
    pattern: /^!\[([^\]\n]+)\]\(([^)\s]+)\)$/m,
    fromBlock: (match) => ({ alt: match[1], src: match[2] }),
    toBlock: ({ src = "", alt = "" }) => `![${alt.replaceAll(/[\[\]\n]/g, " ")}](${src})`,
    toPreview: ({ src = "", alt = "" }) => `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`,
  },
];
for (const block of BLOCKS) {
  CMS.registerEditorComponent({
    fromBlock: (match) => Object.fromEntries(block.fields.map((f, i) => [f.name, match[i + 1] ?? ""])),
    ...block,
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export { SOURCE };
