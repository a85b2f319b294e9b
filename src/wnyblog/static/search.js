/*
 * The search page's set-up: Pagefind's UI (pagefind/pagefind-ui.js), in a
 * file so the page needs no inline script (the Content-Security-Policy).
 *
 * - The bundle's address comes from the page (data-bundle), so search works
 *   wherever the site is served: under /blog/, at a domain's root, or in a
 *   Read the Docs preview. Pagefind then prefixes every result's address
 *   with the folder that holds pagefind/, the site's root.
 * - Furo's sidebar box sends ?q=words; a tag, category, author or year page
 *   links here with ?tag=..., ?category=..., ?author=... or ?year=....
 * - Pagefind's UI shows the result count but does not announce it: it is
 *   repeated in a role="status" element, and a search that finds nothing
 *   shows the link to "Get help now".
 * - Nothing is stored in the browser: a search ("self-harm", "panic") leaves
 *   no trace once the tab is closed.
 */
"use strict";
(() => {
  const FILTERS = ["tag", "category", "author", "year"];

  const start = () => {
    const container = document.getElementById("blog-search");
    if (!container || typeof PagefindUI === "undefined") {
      return;
    }
    const status = document.getElementById("blog-search-status");
    const none = document.getElementById("blog-search-none");
    const ui = new PagefindUI({
      element: "#blog-search",
      bundlePath: new URL(container.dataset.bundle, window.location.href).pathname,
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      excerptLength: 30,
      // The crisis page's "help" words (publish/search_index.py) count more
      // than a post's title, and are not shown in its result.
      ranking: { metaWeights: { help: 20 } },
      processResult: (result) => {
        delete result.meta.help;
        return result;
      },
      translations: {
        placeholder: "Search the blog",
        zero_results: "No results for [SEARCH_TERM]",
      },
    });

    // Pagefind names each filter's checkbox "name-value": an author's or a
    // category's name has spaces, which an id may not (valid HTML).
    const fixIds = () => {
      for (const box of container.querySelectorAll("input[id]")) {
        if (/\s/.test(box.id)) {
          const label = container.querySelector(`label[for="${CSS.escape(box.id)}"]`);
          box.id = box.id.replace(/\s+/g, "_");
          if (label) {
            label.htmlFor = box.id;
          }
        }
      }
    };

    // The count Pagefind shows, said to screen readers; the help link when none.
    const announce = () => {
      fixIds();
      const message = container.querySelector(".pagefind-ui__message");
      const text = message ? message.textContent.trim() : "";
      if (status.textContent !== text) {
        status.textContent = text;
      }
      none.hidden = !text.startsWith("No results");
    };
    new MutationObserver(announce).observe(container, {
      childList: true,
      subtree: true,
      characterData: true,
    });

    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const name of FILTERS) {
      const values = params.getAll(name).filter((value) => value !== "");
      if (values.length) {
        filters[name] = values;
      }
    }
    if (Object.keys(filters).length) {
      ui.triggerFilters(filters);
    }
    const words = (params.get("q") || "").trim();
    if (words) {
      ui.triggerSearch(words);
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
