/* Pages shared from the page cache carry no CSRF token: a form sent with POST gets one here.
   The token is the csrftoken cookie (Django's double-submit check); a visitor without
   that cookie yet gets a new random one, which only this site's pages can read or set. */
(function () {
  "use strict";
  var COOKIE = "csrftoken";
  var CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  function cookieToken() {
    var match = document.cookie.match(new RegExp("(?:^|; )" + COOKIE + "=([A-Za-z0-9]{32})(?:;|$)"));
    return match ? match[1] : "";
  }

  function newToken() {
    var bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    var token = "";
    for (var i = 0; i < bytes.length; i++) { token += CHARS.charAt(bytes[i] % CHARS.length); }
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + token + "; path=/; max-age=31449600; SameSite=Lax" + secure;
    return token;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (field && field.value) { return; }
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrfmiddlewaretoken";
      form.appendChild(field);
    }
    field.value = cookieToken() || newToken();
  }, true);
})();
