/* Replaces Sphinx's sphinx_highlight.js (same name, so it is what pages load).
 *
 * Sphinx's version keeps the words a reader searched for in localStorage and
 * adds a "javascript:" link, which the site's Content-Security-Policy blocks.
 * On a mental-health clinic's site a search ("self-harm", "panic") must leave
 * nothing behind in the browser, so highlighting is switched off; Sphinx's
 * search reads this flag and then stores nothing.
 */
"use strict";

const SPHINX_HIGHLIGHT_ENABLED = false;
