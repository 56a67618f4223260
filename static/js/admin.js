/* The back office: what the admin's third-party widgets leave out for
   assistive technologies, added once they are drawn (and again when an
   inline row or a choice is added). axe-core checks the result
   (tests/e2e/test_admin.py). */
(function () {
  "use strict";

  const labels = document.querySelector("meta[name='backoffice-labels']");

  function fieldLabel(select) {
    const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.replace(/\s*:\s*$/, "").trim() : "";
  }

  function isNamed(control) {
    return (control.labels && control.labels.length) || control.hasAttribute("aria-label");
  }

  // A field in a row of an inline table is named by its column's heading
  // (and its language, for a translated field: "Title (FR)").
  function nameTableFields() {
    document.querySelectorAll(".inline-group .tabular table").forEach((table) => {
      const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      table.querySelectorAll("tbody tr.form-row").forEach((row) => {
        [...row.children].forEach((cell, index) => {
          const heading = headings[index];
          if (!heading) return;
          cell.querySelectorAll("input:not([type='hidden']), select, textarea").forEach((control) => {
            if (isNamed(control)) return;
            const language = (control.id.match(/_(fr|en)$/) || [])[1];
            control.setAttribute("aria-label", language ? `${heading} (${language.toUpperCase()})` : heading);
          });
        });
      });
    });
  }

  function repair() {
    nameTableFields();
    // Django's two-list chooser (filter_horizontal): its search icon has a name.
    document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
    // modeltranslation's language tabs (jQuery UI): the tab is the control,
    // its link inside is not a second one.
    document.querySelectorAll(".ui-tabs-nav li[role='tab'] > a[href]").forEach((link) => {
      link.removeAttribute("href");
      link.removeAttribute("tabindex");
    });
    const languageSwitch = document.getElementById("modeltranslation-main-switch");
    if (languageSwitch && labels && !languageSwitch.hasAttribute("aria-label")) {
      languageSwitch.setAttribute("aria-label", labels.dataset.fieldLanguage);
    }
    // Autocomplete fields (select2): the search box takes the field's name;
    // the button clearing the choice is an item of the list it sits in.
    document.querySelectorAll(".select2-container").forEach((container) => {
      const select = container.previousElementSibling;
      const name = (select && select.getAttribute("aria-label")) || fieldLabel(select);
      if (!name) return;
      container.querySelectorAll(".select2-search__field:not([aria-label]), .select2-selection:not([aria-label]), .select2-selection__rendered[role='textbox']:not([aria-label])").forEach((control) => {
        control.setAttribute("aria-label", name);
      });
      container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach((item) => {
        item.setAttribute("role", "listitem");
      });
    });
  }

  let scheduled = false;
  function scheduleRepair() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      repair();
    });
  }

  window.addEventListener("load", () => {
    repair();
    new MutationObserver(scheduleRepair).observe(document.body, { childList: true, subtree: true });
  });
})();
