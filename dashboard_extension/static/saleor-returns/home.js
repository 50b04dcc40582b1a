(function () {
  "use strict";
  const status = document.getElementById("status");
  window.SaleorReturnsBridge.onToken(function () {
    window.SaleorReturnsBridge.fetch("/api/session")
      .then(function (response) { return response.json().then(function (body) { return { response, body }; }); })
      .then(function ({ response, body }) {
        status.textContent = response.ok
          ? "Connected to " + body.saleorApiUrl + " as " + body.email + "."
          : "Not connected: " + body.error.message;
      })
      .catch(function () {
        status.textContent = "Not connected: the app did not answer. Reload to try again.";
      });
  });
})();
