// Progressive enhancement of the hosted payment page; the page works without it.
(function () {
  "use strict";

  function luhn(digits) {
    var sum = 0, doubled = false;
    for (var i = digits.length - 1; i >= 0; i--) {
      var d = digits.charCodeAt(i) - 48;
      if (doubled) { d *= 2; if (d > 9) { d -= 9; } }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 === 0;
  }

  function expiryValid(text) {
    var m = /^\s*(0[1-9]|1[0-2])\s*\/\s*(\d{2}|20\d{2})\s*$/.exec(text);
    if (!m) { return false; }
    var year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    var now = new Date();
    return year > now.getFullYear() || (year === now.getFullYear() && Number(m[1]) >= now.getMonth() + 1);
  }

  var countdown = document.getElementById("countdown");
  if (countdown) {
    var expiresAt = Date.parse(countdown.getAttribute("data-expires-at"));
    var locale = countdown.getAttribute("data-lang") === "fa" ? "fa-IR" : "en-GB";
    var tick = function () {
      var left = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
      var minutes = String(Math.floor(left / 60)).padStart(2, "0");
      var seconds = String(left % 60).padStart(2, "0");
      countdown.textContent = (minutes + ":" + seconds).replace(/\d/g, function (d) {
        return Number(d).toLocaleString(locale);
      });
      if (left === 0) { window.location.reload(); } else { setTimeout(tick, 1000); }
    };
    tick();
  }

  var form = document.getElementById("card-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      var number = form.elements.cardNumber.value.replace(/[\s-]/g, "");
      var problem = null;
      if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
        problem = form.getAttribute("data-error-card");
      } else if (!expiryValid(form.elements.expiry.value)) {
        problem = form.getAttribute("data-error-expiry");
      }
      if (problem) {
        event.preventDefault();
        var error = document.getElementById("error");
        if (!error) {
          error = document.createElement("p");
          error.id = "error";
          error.className = "error";
          error.setAttribute("role", "alert");
          form.parentNode.insertBefore(error, form);
        }
        error.textContent = problem;
        return;
      }
      // One press pays once: the server holds to that too, the button just says so.
      document.getElementById("pay").disabled = true;
    });
  }
})();
