/*
 * Search result excerpts from the page's own words.
 *
 * Sphinx's search (searchtools.js) quotes each result from the text of the
 * page's main area, starting near the searched word, or at the top when it
 * finds only another form of the word ("sleeping" for "sleep"). On a post the
 * top is the byline: the date, the authors, the reading time and the
 * print-only "Online at https://..." line. Elements with the class
 * "no-search" are what Sphinx's indexer already skips (bylines, lists of
 * other posts); this leaves them out of the excerpt too, so it quotes the
 * title and the text around the match.
 *
 * Loaded on the search page only, after searchtools.js defines `Search` and
 * before the search runs (when the page has loaded).
 */
"use strict";
(() => {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".no-search").forEach((element) => element.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
})();
