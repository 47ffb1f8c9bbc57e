/* The payment step: confirm the order's PaymentIntent with Stripe.js, then go to the
 * shop's return URL, which checks with Stripe and shows the thank-you page.
 *
 * One branch, chosen by the form the server included (data-payment-form):
 *  - "payment_element" (real Stripe): the Payment Element; stripe.confirmPayment
 *    handles 3-D Secure and redirects to the return URL.
 *  - "card_token" (offline localstripe, whose Stripe.js stand-in has no Payment
 *    Element): tokenise the card, the shop confirms server-side, and
 *    stripe.confirmCardPayment runs 3-D Secure when the bank asks for it.
 * Amounts never come from here: the PaymentIntent was created by the server.
 */
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form) { return; }
  var errorBox = document.getElementById("payment-error");
  var button = document.getElementById("pay-button");
  var stripe = Stripe(form.dataset.stripeKey);

  function showError(message) {
    errorBox.textContent = message || "The payment did not go through. No money was taken; please try again.";
    errorBox.hidden = false;
    button.disabled = false;
  }

  function goToReturn() {
    window.location.assign(form.dataset.returnUrl);
  }

  function setUpPaymentElement() {
    var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
    elements.create("payment").mount("#payment-element");
    return async function pay() {
      var result = await stripe.confirmPayment({
        elements: elements,
        confirmParams: { return_url: form.dataset.returnUrl }
      });
      // Only reached when Stripe did not redirect: the card was declined or 3-D Secure failed.
      showError(result.error && result.error.message);
    };
  }

  function setUpCardToken() {
    var card = stripe.elements().create("card");
    card.mount("#card-element");
    return async function pay() {
      var tokenResult = await stripe.createToken(card);
      if (tokenResult.error) { return showError(tokenResult.error.message); }
      var body = new FormData();
      body.append("card_id", tokenResult.token.card.id);
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      var response = await fetch(form.dataset.cardUrl, { method: "POST", body: body, credentials: "same-origin" });
      var result = await response.json().catch(function () { return {}; });
      if (result.status === "requires_action") {
        var authentication = await stripe.confirmCardPayment(result.client_secret);
        if (authentication.error) { return showError(authentication.error.message); }
        return goToReturn();  // the shop reads the outcome from Stripe, failed 3-D Secure included
      }
      if (result.status === "succeeded" || result.status === "processing") { return goToReturn(); }
      showError(result.error);
    };
  }

  var pay = form.querySelector("[data-payment-form=payment_element]") ? setUpPaymentElement() : setUpCardToken();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    pay().catch(function () { showError(); });
  });
})();
