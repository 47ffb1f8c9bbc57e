/* A stand-in for https://js.stripe.com/v3/ in browser tests (served through Playwright's
 * page.route). It offers exactly the calls the shop's payment page makes with real keys:
 * Stripe(key).elements({clientSecret}).create("payment").mount(selector) and
 * stripe.confirmPayment({elements, confirmParams: {return_url}}). "Stripe's servers"
 * behind it are the test's route handler, which confirms the PaymentIntent at localstripe.
 */
window.Stripe = function (publishableKey) {
  var API = "https://js.stripe.com/_standin/";

  async function call(path, data) {
    var response = await fetch(API + path, { method: "POST", body: JSON.stringify(data) });
    return response.json();
  }

  function challenge() {  // Stripe's 3-D Secure modal, reduced to two buttons
    return new Promise(function (resolve) {
      var box = document.createElement("div");
      box.id = "standin-3ds";
      box.innerHTML = '<p>3-D Secure (stand-in)</p><button type="button" id="standin-3ds-ok">Authorise payment</button>' +
                      '<button type="button" id="standin-3ds-fail">Fail authentication</button>';
      document.body.appendChild(box);
      box.querySelector("#standin-3ds-ok").onclick = function () { box.remove(); resolve(true); };
      box.querySelector("#standin-3ds-fail").onclick = function () { box.remove(); resolve(false); };
    });
  }

  return {
    elements: function (options) {
      if (!options || !options.clientSecret) { throw new Error("stand-in: elements() needs clientSecret"); }
      return {
        clientSecret: options.clientSecret,
        create: function (type) {
          if (type !== "payment") { throw new Error("stand-in: only the Payment Element"); }
          return {
            mount: function (selector) {
              document.querySelector(selector).innerHTML =
                '<label>Card number <input id="standin-card-number" autocomplete="off"></label>';
            }
          };
        }
      };
    },
    confirmPayment: async function (args) {
      var secret = args.elements.clientSecret;
      var intent = await call("confirm", {
        client_secret: secret, publishable_key: publishableKey,
        number: document.getElementById("standin-card-number").value
      });
      if (intent.status === "requires_action") {
        intent = await call("authenticate", { client_secret: secret, success: await challenge() });
      }
      if (intent.status === "succeeded") {
        var url = args.confirmParams.return_url;
        window.location.assign(url + (url.indexOf("?") < 0 ? "?" : "&") + "payment_intent=" + intent.id +
          "&payment_intent_client_secret=" + secret + "&redirect_status=succeeded");
        return new Promise(function () {});  // the page is leaving
      }
      var error = intent.last_payment_error || {};
      return { error: { type: "card_error", code: error.code, message: error.message || "Your card was declined." } };
    }
  };
};
