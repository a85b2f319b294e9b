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
import { isPhoto, stripCommitBody } from "./commit-strip.js";

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
    return realFetch(input, { ...init, body: await stripCommitBody(url, init.body, strip) });
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

/** The local folder (directory picker): files are written through handles. */
if (window.FileSystemFileHandle) {
  const createWritable = FileSystemFileHandle.prototype.createWritable;
  FileSystemFileHandle.prototype.createWritable = async function (...args) {
    const writable = await createWritable.apply(this, args);
    // Sveltia writes to a temporary name and then renames it: a photo is
    // known by its first bytes, not by its name.
    const name = this.name;
    const write = writable.write.bind(writable);
    writable.write = async (data) => {
      let bytes = null;
      if (data instanceof Blob) bytes = new Uint8Array(await data.arrayBuffer());
      else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
      else if (ArrayBuffer.isView(data)) {
        bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      }
      return write(bytes && isPhoto(bytes) ? await strip(bytes, name) : (bytes ?? data));
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
    // Only a new post: a published post's address never changes.
    if (!/\/new(\?|$)/.test(location.hash)) return;
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
//
// The body is edited as the Markdown it is (the rich-text mode would rewrite
// MyST), where Sveltia's own toolbar is inactive. So the blog adds its own,
// above the text: a picture with its description, a note, the crisis
// resources. A picture is handed to the form's "picture being added" field,
// which saves the file into the post's folder with the post, and the text
// gets `![description](file)` where the cursor was. The description is
// required: the dialog cannot be sent without it.

export const BLOCKS = {
  note: () => "```{note}\nThe note.\n```",
  crisis: () => "```{crisis-resources}\n```",
  picture: (name, description) => `![${description.replaceAll(/[[\]\n]/g, " ").trim()}](${name})`,
};

function insertAtCursor(textarea, block) {
  const before = textarea.value.slice(0, textarea.selectionStart);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  textarea.focus();
  textarea.setRangeText(`${lead}${block}\n`, textarea.selectionStart, textarea.selectionEnd, "end");
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

function pictureField() {
  return document.querySelector(`section.field[data-key-path="${settings.picture}"]`);
}

async function waitFor(find, seconds = 20) {
  for (let i = 0; i < seconds * 10; i += 1) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

function pictureDialog() {
  const dialog = document.createElement("dialog");
  dialog.className = "wnyblog-picture";
  dialog.setAttribute("aria-labelledby", "wnyblog-picture-title");
  dialog.innerHTML = `
    <form method="dialog">
      <h2 id="wnyblog-picture-title">Add a picture</h2>
      <p><label for="wnyblog-picture-file">Picture</label><br>
        <input id="wnyblog-picture-file" name="file" type="file" required
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif,image/heic,image/heif"></p>
      <p><label for="wnyblog-picture-alt">What the picture shows</label><br>
        <input id="wnyblog-picture-alt" name="alt" type="text" required size="50"
          aria-describedby="wnyblog-picture-hint"></p>
      <p id="wnyblog-picture-hint">Read aloud to readers who cannot see the picture: say
        what it shows, in a sentence. The place it was taken is removed before it is saved.</p>
      <p class="wnyblog-picture-problem" role="alert"></p>
      <p><button value="insert">Insert the picture</button>
        <button value="cancel" formnovalidate>Cancel</button></p>
    </form>`;
  document.body.append(dialog);
  return dialog;
}

async function addPicture(textarea) {
  const dialog = document.querySelector("dialog.wnyblog-picture") ?? pictureDialog();
  const form = dialog.querySelector("form");
  form.reset();
  const problem = dialog.querySelector(".wnyblog-picture-problem");
  problem.textContent = "";
  const field = pictureField();
  if (field?.querySelector("img")) {
    problem.textContent = "Save the post first: then add the next picture.";
  }
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener("close", resolve, { once: true }));
  if (dialog.returnValue !== "insert" || !field || field.querySelector("img")) return;
  const file = form.elements.file.files[0];
  const description = form.elements.alt.value.trim();
  if (!file || !description) return;
  const input = field.querySelector('input[type="file"]');
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  // The form shows the file's name as it will be saved beside the post.
  const name = await waitFor(() => {
    const shown = [...field.querySelectorAll("*")].find(
      (el) => el.children.length === 0 && /\.[a-z0-9]{3,4}$/i.test(el.textContent.trim()),
    );
    return shown?.textContent.trim();
  });
  if (name) insertAtCursor(textarea, BLOCKS.picture(name, description));
}

function bodyToolbar(textarea) {
  const bar = document.createElement("div");
  bar.className = "wnyblog-blocks";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Add to the text");
  const buttons = [
    ["Picture…", () => addPicture(textarea)],
    ["Note", () => insertAtCursor(textarea, BLOCKS.note())],
    ["Crisis resources", () => insertAtCursor(textarea, BLOCKS.crisis())],
  ];
  for (const [label, action] of buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", action);
    bar.append(button);
  }
  return bar;
}

function addToolbars() {
  const textarea = document.querySelector(`section.field[data-key-path="${settings.body}"] textarea`);
  if (!textarea || textarea.dataset.wnyblogBlocks) return;
  textarea.dataset.wnyblogBlocks = "yes";
  const area = textarea.closest(".text-area") ?? textarea;
  area.before(bodyToolbar(textarea));
}
let pending = false;
new MutationObserver(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    addToolbars();
  });
}).observe(document.documentElement, { childList: true, subtree: true });

export { SOURCE };
