// Article comments: "Reply" opens the reply form under the comment instead of a new page.
(function () {
  "use strict";
  var template = document.getElementById("reply-form-template");
  if (!template) { return; }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply-link");
    if (!link) { return; }
    event.preventDefault();
    var slot = link.closest("[data-reply-slot]");
    var open = document.getElementById("reply-form");
    if (open) { open.remove(); }
    var form = template.content.firstElementChild.cloneNode(true);
    form.querySelector("input[name=reply_to]").value = link.getAttribute("data-reply-to");
    slot.appendChild(form);
    var first = form.querySelector("textarea, input[type=text], input[type=email]");
    if (first) { first.focus(); }
  });
})();
