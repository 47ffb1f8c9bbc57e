/* Small enhancements for the storefront; every page works without them. */
(function () {
  "use strict";

  // Product gallery: a thumbnail shows its picture in the main image instead of opening it.
  var main = document.querySelector("[data-gallery-main]");
  // srcset first: with srcset set, the browser picks its file by `sizes`, not src.
  function show(url, srcset, alt) {
    if (!main || !url) { return; }
    if (srcset) { main.srcset = srcset; } else { main.removeAttribute("srcset"); }
    main.src = url;
    if (alt) { main.alt = alt; }
  }
  document.querySelectorAll("[data-gallery-thumb]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      document.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
        other.removeAttribute("aria-current");
      });
      link.setAttribute("aria-current", "true");
      show(link.href, link.getAttribute("data-srcset"), link.getAttribute("data-alt"));
    });
  });

  // Colour picker: show the chosen colour's picture and stock, and cap the quantity.
  var status = document.querySelector("[data-stock-status]");
  var price = document.querySelector("[data-price-display]");
  var quantity = document.getElementById("quantity");
  document.querySelectorAll('input[name="child_id"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      show(radio.getAttribute("data-image"), radio.getAttribute("data-srcset"), radio.getAttribute("data-alt"));
      if (status) {
        status.textContent = radio.getAttribute("data-colour") + ": " + radio.getAttribute("data-stock");
        status.className = "stock stock-" + radio.getAttribute("data-stock-code");
      }
      if (price && radio.getAttribute("data-price")) {
        price.textContent = radio.getAttribute("data-price");
      }
      if (quantity) {
        var max = radio.getAttribute("data-max");
        if (max) { quantity.max = max; } else { quantity.removeAttribute("max"); }
      }
    });
  });
})();

/* "Print this page" buttons (no inline onclick: the Content-Security-Policy forbids it). */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

/* "Cancel" links go back a page when there is one; otherwise they follow their href. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
