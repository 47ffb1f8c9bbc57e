/* Runs Oscar's on-load calls (oscar.init(), oscar.basket.init(options) …) without inline script.
 *
 * Oscar's templates write those calls into their `onbodyload` blocks; base.html puts the
 * block's text in this script's data-onload attribute. Only calls of functions under
 * window.oscar are run (nothing is evaluated), with the basket URL as their options.
 */
(function () {
    "use strict";
    var script = document.currentScript;
    var source = (script && script.getAttribute("data-onload")) || "";
    var basketURL = (source.match(/basketURL['"]?\s*:\s*['"]([^'"]+)['"]/) || [])[1];
    var calls = source.match(/\boscar(?:\.[A-Za-z_$][\w$]*)+(?=\s*\()/g) || [];

    function run() {
        calls.forEach(function (call) {
            var owner = null, target = window.oscar;
            call.split(".").slice(1).forEach(function (name) {
                owner = target;
                target = target ? target[name] : undefined;
            });
            if (typeof target === "function") {
                target.call(owner, basketURL ? { basketURL: basketURL } : undefined);
            }
        });
    }

    if (window.jQuery) {
        window.jQuery(run);
    }
})();
