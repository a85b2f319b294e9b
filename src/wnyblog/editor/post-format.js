// How the editor reads and writes a post's index.md without disturbing it.
//
// Sveltia CMS would rebuild the settings block from an object: comments gone
// (the imported Wix post keeps information in them, `blog new` writes hints),
// `[a, b]` turned into block lists, quoting changed. This format edits the
// file's own text instead:
//   - reading keeps the whole file in a hidden field (SOURCE), so writing
//     knows what was there;
//   - a setting whose value did not change keeps its lines byte for byte; a
//     changed one gets its line(s) rewritten in the same style (flow list stays
//     a flow list, quotes stay quotes, a trailing comment stays); a new one is
//     one line at the end of the block; an emptied one is removed;
//   - the body is never rewritten unless the writer changed it.
// The form's Title field is the body's first "# " heading: that is a post's
// title here (front-matter `title:` means "if it should differ").
//
// Only the YAML the schema allows is read: plain or quoted scalars, flow and
// block lists of them, and block lists of flat mappings (sources). Pure
// functions: tests/test_editor_js.py runs them under node on every post.

export const SOURCE = "wnyblog_source";
export const HEADING = "heading";
export const BODY = "body";
// The folder name of a new post (the form keeps it equal to slugify(heading)).
export const ADDRESS = "wnyblog_address";
// A picture on its way into the body (the file is saved; the body names it).
export const PICTURE = "wnyblog_picture";
const OWN = new Set([SOURCE, HEADING, BODY, ADDRESS, PICTURE]);

const KEY_LINE = /^([A-Za-z_][\w-]*):(?:[ \t]+(.*))?$/;
const FENCE = /^---[ \t]*$/;

/** Split a file into front-matter lines, the body, and how they were joined. */
export function split(text) {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "") || lines.length < 2) {
    return { open: "", block: [], close: "", body: text, hasBlock: false };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) return { open: "", block: [], close: "", body: text, hasBlock: false };
  const block = lines.slice(1, end);
  const rest = lines.slice(end + 1).join("\n");
  return {
    open: lines[0] + "\n",
    block,
    close: lines[end] + (end + 1 < lines.length ? "\n" : ""),
    body: rest,
    hasBlock: true,
  };
}

/** Where each top-level key's lines are: {key: [first, endExclusive]}. */
export function keySpans(block) {
  const spans = {};
  let current = null;
  block.forEach((line, i) => {
    const match = KEY_LINE.exec(line);
    if (match) {
      current = match[1];
      spans[current] = [i, i + 1];
      return;
    }
    // Indented lines and "- " items at column 0 continue the current key.
    if (current && (/^[ \t]/.test(line) || /^-( |$)/.test(line)) && line.trim() !== "") {
      if (/^[ \t]*#/.test(line)) return; // an indented comment belongs to no value
      spans[current][1] = i + 1;
      return;
    }
    if (!/^[ \t]*#/.test(line)) current = null;
  });
  return spans;
}

// --- reading scalars -------------------------------------------------------

/** Where a trailing " # comment" starts in a value, outside quotes (-1: none). */
function commentAt(value) {
  let quote = null;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"') i += 1;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s,[{:]/.test(value[i - 1])) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(value[i - 1]))) {
      return i;
    }
  }
  return -1;
}

function withoutComment(value) {
  const at = commentAt(value);
  return (at < 0 ? value : value.slice(0, at)).trim();
}

function scalar(raw) {
  const text = raw.trim();
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text);
    } catch {
      return text.slice(1, -1);
    }
  }
  if (text.startsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^(null|~|)$/.test(text)) return null;
  return text;
}

/** Split "a, 'b, c', d" at top-level commas. */
function flowItems(inner) {
  const items = [];
  let quote = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"') i += 1;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") depth += 1;
    else if (c === "}" || c === "]") depth -= 1;
    else if (c === "," && depth === 0) {
      items.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  if (inner.slice(start).trim() !== "") items.push(inner.slice(start));
  return items.map((item) => item.trim());
}

function flowValue(text) {
  if (text.startsWith("[") && text.endsWith("]")) {
    return flowItems(text.slice(1, -1)).map(flowValue);
  }
  if (text.startsWith("{") && text.endsWith("}")) {
    const object = {};
    for (const item of flowItems(text.slice(1, -1))) {
      const at = item.indexOf(":");
      object[item.slice(0, at).trim()] = scalar(item.slice(at + 1));
    }
    return object;
  }
  return scalar(text);
}

/** The value held by one key's lines. */
function readSpan(lines) {
  const first = KEY_LINE.exec(lines[0]);
  const inline = withoutComment(first[2] ?? "");
  const blockScalar = /^([|>])[+-]?\d*$/.exec(inline);
  if (blockScalar) {
    const text = lines.slice(1).map((line) => line.trim());
    return blockScalar[1] === "|" ? text.join("\n") : text.filter(Boolean).join(" ");
  }
  if (inline !== "") return flowValue(inline);
  const items = [];
  for (const line of lines.slice(1)) {
    const content = withoutComment(line);
    if (content === "") continue;
    const item = /^-(?:\s+(.*))?$/.exec(content);
    if (item) {
      const rest = item[1] ?? "";
      const pair = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(rest);
      items.push(pair ? { [pair[1]]: flowValue(pair[2] ?? "") } : flowValue(rest));
    } else {
      const pair = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(content);
      const last = items[items.length - 1];
      if (pair && last && typeof last === "object" && !Array.isArray(last)) {
        last[pair[1]] = flowValue(pair[2] ?? "");
      }
    }
  }
  return items;
}

/** Every top-level setting of a front-matter block. */
export function readBlock(block) {
  const data = {};
  for (const [key, [start, end]] of Object.entries(keySpans(block))) {
    data[key] = readSpan(block.slice(start, end));
  }
  return data;
}

/** The body's "# " heading: {before, heading, after, rest} or null. */
export function splitHeading(body) {
  const match = /^(\s*)# (.*)(\n|$)/.exec(body);
  if (!match) return null;
  return {
    before: match[1],
    heading: match[2],
    after: match[3],
    rest: body.slice(match[0].length),
  };
}

/** fromFile: the file as the form's values. */
export function fromFile(text) {
  const parts = split(text);
  const data = readBlock(parts.block);
  const heading = splitHeading(parts.body);
  data[HEADING] = heading ? heading.heading : "";
  data[BODY] = heading ? heading.rest.replace(/^\n/, "") : parts.body;
  data[SOURCE] = text;
  return data;
}

// --- writing ---------------------------------------------------------------

const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function plainSafe(text, inFlow) {
  if (text === "" || text !== text.trim() || RESERVED.test(text)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
  if (/: |:$| #|\n|\t/.test(text)) return false;
  if (inFlow && /[,[\]{}]/.test(text)) return false;
  if (/^[+-]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return false;
  return true;
}

function dateLike(value) {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(value);
}

/** One value in YAML, quoted the way *style* was ('"', "'" or "" for plain). */
export function yamlScalar(value, style = "", inFlow = false) {
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  const text = String(value);
  // A date stays a date (quoted, the schema would read text).
  if (dateLike(text) && style === "") return text;
  if (style === "'" && !text.includes("\n")) return `'${text.replaceAll("'", "''")}'`;
  if (style === "" && plainSafe(text, inFlow)) return text;
  return JSON.stringify(text);
}

function flow(value, style) {
  if (Array.isArray(value)) return `[${value.map((item) => flow(item, style)).join(", ")}]`;
  if (value && typeof value === "object") {
    const pairs = Object.entries(value)
      .filter(([, v]) => !empty(v))
      .map(([k, v]) => `${k}: ${yamlScalar(v, style, true)}`);
    return `{${pairs.join(", ")}}`;
  }
  return yamlScalar(value, style, true);
}

/** Nothing to write: the form's way of saying a setting is not set. */
export function empty(value) {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(empty);
  return false;
}

/** Compare values as the file means them (a date read as text equals itself). */
function same(a, b) {
  if (empty(a) && empty(b)) return true;
  // An unticked box is what a post without the setting means.
  if ((a === false && empty(b)) || (b === false && empty(a))) return true;
  // `author: clinic` is the list [clinic] (the schema reads both).
  if (Array.isArray(a) && !Array.isArray(b) && a.length === 1) return same(a[0], b);
  if (Array.isArray(b) && !Array.isArray(a) && b.length === 1) return same(a, b[0]);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => same(item, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same(a[key], b[key]));
  }
  return String(a) === String(b);
}

/** The style of the value on a key's first line: quote character and flow or block. */
function styleOf(lines) {
  const inline = withoutComment(KEY_LINE.exec(lines[0])[2] ?? "");
  const quote = /["']/.exec(inline.replace(/^\[/, ""))?.[0] ?? "";
  const items = lines.slice(1).map(withoutComment).filter(Boolean);
  const dash = items.length ? /^(\s*)-/.exec(lines.find((l, i) => i > 0 && /^\s*-/.test(l)) ?? "") : null;
  return {
    quote: quote === '"' && /^\[?"/.test(inline) ? '"' : quote === "'" && /^\[?'/.test(inline) ? "'" : "",
    block: inline === "" && items.length > 0,
    flow: inline.startsWith("["),
    indent: dash ? dash[1] : "  ",
  };
}

function trailingComment(line) {
  const value = KEY_LINE.exec(line)[2] ?? "";
  const at = commentAt(value);
  if (at < 0) return "";
  const start = value.slice(0, at).length - value.slice(0, at).trimEnd().length;
  return value.slice(at - start);
}

/** The lines of each item of a block list (a key's lines after the first). */
function blockItems(lines) {
  const items = [];
  for (const line of lines.slice(1)) {
    if (/^\s*-( |$)/.test(line)) items.push([line]);
    else if (items.length) items[items.length - 1].push(line);
  }
  return items;
}

/** The lines of one setting, in the style the old lines had. */
export function writeSetting(key, value, old = null) {
  const style = old ? styleOf(old) : { quote: "", block: false, indent: "  " };
  const comment = old ? trailingComment(old[0]) : "";
  if (Array.isArray(value) && style.block) {
    const lines = [`${key}:${comment}`];
    // Items the writer left alone keep their lines, quoting and all.
    const kept = old ? blockItems(old) : [];
    const before = old ? readSpan(old) : [];
    for (const [i, item] of value.entries()) {
      if (kept[i] && same(item, before[i])) {
        lines.push(...kept[i]);
        continue;
      }
      if (item && typeof item === "object") {
        const pairs = Object.entries(item).filter(([, v]) => !empty(v));
        pairs.forEach(([k, v], i) => {
          const lead = i === 0 ? `${style.indent}- ` : `${style.indent}  `;
          lines.push(`${lead}${k}: ${yamlScalar(v, style.quote)}`);
        });
      } else {
        lines.push(`${style.indent}- ${yamlScalar(item, style.quote)}`);
      }
    }
    return lines;
  }
  // A one-name list where the post had one name stays one name.
  const single = old && Array.isArray(value) && value.length === 1 && !style.flow && !style.block;
  const text = single
    ? yamlScalar(value[0], style.quote)
    : Array.isArray(value)
      ? flow(value, style.quote)
      : yamlScalar(value, style.quote);
  return [`${key}: ${text}${comment}`];
}

/** A whole new file for a post that has none yet. */
function newFile(data, order) {
  const lines = ["---"];
  for (const key of new Set(order)) {
    // An unticked box is what a post without the setting means: not written.
    if (OWN.has(key) || empty(data[key]) || data[key] === false) continue;
    lines.push(...writeSetting(key, data[key]));
  }
  lines.push("---", "", `# ${data[HEADING] ?? ""}`, "");
  const body = data[BODY] ?? "";
  return `${lines.join("\n")}\n${body}${body.endsWith("\n") || body === "" ? "" : "\n"}`;
}

/**
 * toFile: the form's values as the file, changing only what changed.
 * @param {object} data the form's values (with SOURCE when the post existed)
 * @param {string[]} order the schema's keys in order (for a new post)
 * @returns {string}
 */
export function toFile(data, order = []) {
  const source = data[SOURCE];
  if (typeof source !== "string") return newFile(data, [...order, ...Object.keys(data)]);
  const parts = split(source);
  const old = readBlock(parts.block);
  const spans = keySpans(parts.block);
  const block = parts.block.map((line) => [line]);
  const added = [];
  const keys = [...order, ...Object.keys(data)].filter(
    (key, i, all) => !OWN.has(key) && all.indexOf(key) === i,
  );
  for (const key of keys) {
    if (!(key in data) || same(data[key], old[key])) continue;
    if (key in spans) {
      const [start, end] = spans[key];
      const replacement = empty(data[key]) ? [] : writeSetting(key, data[key], parts.block.slice(start, end));
      block[start] = replacement;
      for (let i = start + 1; i < end; i += 1) block[i] = [];
    } else if (!empty(data[key])) {
      added.push(...writeSetting(key, data[key]));
    }
  }
  let lines = block.flat();
  if (added.length) {
    // At the end of the block, after a final comment that belongs to the last setting.
    lines = [...lines, ...added];
  }
  const head = parts.hasBlock || added.length ? `${parts.open || "---\n"}${lines.map((l) => `${l}\n`).join("")}${parts.close || "---\n"}` : "";
  return head + writeBody(parts.body, data);
}

/** The body: untouched unless the heading or the text changed. */
function writeBody(oldBody, data) {
  const heading = splitHeading(oldBody);
  const oldHeading = heading ? heading.heading : "";
  const oldRest = heading ? heading.rest : oldBody;
  const oldText = heading ? oldRest.replace(/^\n/, "") : oldRest;
  const newHeading = data[HEADING] ?? oldHeading;
  let newText = data[BODY] ?? oldText;
  // The form may drop or add the final newline: that is not a change.
  if (newText.replace(/\s+$/, "") === oldText.replace(/\s+$/, "")) newText = oldText;
  if (newHeading === oldHeading && newText === oldText) return oldBody;
  if (!heading) return newHeading ? `# ${newHeading}\n\n${newText}` : newText;
  const gap = oldRest.startsWith("\n") ? "\n" : "";
  return `${heading.before}# ${newHeading}${heading.after}${gap}${newText}`;
}
