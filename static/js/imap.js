// The i-Map: hovering or focusing a country in the list highlights its
// shape, and hovering a shape its name in the list. The page needs none of it.
(function () {
  "use strict";
  document.querySelectorAll("[data-imap]").forEach(function (component) {
    function items(iso) {
      return component.querySelectorAll('[data-iso="' + iso + '"]');
    }
    function toggle(event, on) {
      var target = event.target.closest && event.target.closest("[data-iso]");
      if (!target) {
        return;
      }
      items(target.getAttribute("data-iso")).forEach(function (item) {
        item.classList.toggle("is-highlighted", on);
      });
    }
    ["mouseover", "focusin"].forEach(function (name) {
      component.addEventListener(name, function (event) { toggle(event, true); });
    });
    ["mouseout", "focusout"].forEach(function (name) {
      component.addEventListener(name, function (event) { toggle(event, false); });
    });
  });
})();
