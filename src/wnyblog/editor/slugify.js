// A post's folder name, exactly as src/wnyblog/posts/slugs.py makes it from the
// title: the editor names a new post's folder the way `blog new` would, so a
// post gets the same address whichever path made it. tests/test_editor_js.py
// runs both on the same titles.
import anyAscii from "./vendor/any-ascii.js";

/**
 * "Café & Calm" -> "cafe-and-calm"; other scripts are transliterated.
 * @param {string} text
 * @param {number} [maxWords] keep only the first words (0: all)
 * @returns {string} "" when the text has no letters or digits
 */
export function slugify(text, maxWords = 0) {
  const ascii = anyAscii(text.replaceAll("&", " and "))
    .toLowerCase()
    .replaceAll("'", "");
  let words = ascii.match(/[a-z0-9]+/g) ?? [];
  if (maxWords) words = words.slice(0, maxWords);
  return words.join("-");
}
