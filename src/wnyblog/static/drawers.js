/* Keyboard access to Furo's navigation and contents drawers.
 *
 * Furo opens its drawers on narrow screens with <label>s for hidden
 * checkboxes, which no keyboard can reach. Each such label becomes a real
 * button (same look, Furo's own accessible name) that opens and closes its
 * drawer and says whether it is open. Escape, or moving focus out of an open
 * drawer, closes it; Escape returns focus to the button.
 */
"use strict";

(() => {
  const DRAWERS = { __navigation: ".sidebar-drawer", __toc: ".toc-drawer" };
  const FOCUSABLE = "a[href], input:not([type=hidden]), button";

  function setUp() {
    const buttons = [];
    for (const label of document.querySelectorAll(".nav-overlay-icon, .toc-overlay-icon")) {
      const checkbox = document.getElementById(label.htmlFor);
      const drawer = checkbox && document.querySelector(DRAWERS[checkbox.id]);
      if (!drawer) continue;
      drawer.id ||= checkbox.id.replace(/^_+/, "") + "-drawer";
      const button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.setAttribute("aria-label", checkbox.getAttribute("aria-label"));
      button.setAttribute("aria-controls", drawer.id);
      button.append(...label.childNodes);
      label.replaceWith(button);
      button.addEventListener("click", () => {
        setOpen(checkbox, !checkbox.checked);
        if (checkbox.checked) firstShown(drawer)?.focus();
      });
      buttons.push({ button, checkbox, drawer });
    }

    // Furo hides some of a drawer's links (the page's own title in its contents).
    function firstShown(drawer) {
      return [...drawer.querySelectorAll(FOCUSABLE)].find((el) => el.getClientRects().length);
    }

    function setOpen(checkbox, open) {
      checkbox.checked = open;
      sync();
    }

    function sync() {
      for (const { button, checkbox } of buttons) {
        button.setAttribute("aria-expanded", String(checkbox.checked));
      }
    }

    // Furo's overlays still close a drawer by click: keep the state in step.
    for (const id of Object.keys(DRAWERS)) {
      document.getElementById(id)?.addEventListener("change", sync);
    }
    sync();

    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      const open = buttons.find(({ checkbox, button }) => checkbox.checked && button.offsetParent);
      if (!open) return;
      setOpen(open.checkbox, false);
      open.button.focus();
    });

    document.addEventListener("focusin", (event) => {
      for (const { checkbox, drawer } of buttons) {
        const ours = buttons.some((b) => b.button === event.target && b.checkbox === checkbox);
        if (checkbox.checked && !drawer.contains(event.target) && !ours) setOpen(checkbox, false);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
