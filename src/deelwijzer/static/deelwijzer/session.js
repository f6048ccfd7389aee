// Nothing typed is lost to an automatic sign-out (accounts.middleware ends a session after 30
// minutes without use, or 12 hours after signing in). The notice (accounts/_session_notice.html)
// warns a few minutes before; typing in a form counts as use and keeps the session; and before
// a form is sent, the page asks the server (accounts.views.session_status) whether the session
// still stands. If it does not, the form is not sent: what was typed stays on the page, and the
// notice says to sign in again in another tab and then press the button once more. The answer
// carries the current CSRF token, which signing in again changes; the page takes it over.
(function () {
  "use strict";

  var notice = document.getElementById("sessie");
  if (!notice || !window.fetch) {
    return;
  }
  var url = notice.getAttribute("data-url");
  var me = notice.getAttribute("data-user");
  var idle = Number(notice.getAttribute("data-idle")) * 1000;
  var warnBefore = Math.min(5 * 60 * 1000, idle / 3);
  var keepAliveAfter = Math.min(5 * 60 * 1000, idle / 3);
  var askedWithin = 60 * 1000; // a form sent within this time of the last answer goes at once
  var lastContact = Date.now(); // when the server last saw this session (the page itself)
  var deadline = lastContact + idle;
  var state = "fine"; // fine | warning | final | ended | other (someone else signed in here)
  var asking = null;

  function show(name) {
    state = name;
    notice.querySelectorAll("[data-panel]").forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-panel") !== name;
    });
    notice.hidden = name === "fine";
    var at = new Date(deadline);
    var clock = String(at.getHours()).padStart(2, "0") + ":" + String(at.getMinutes()).padStart(2, "0");
    notice.querySelectorAll("[data-slot='at']").forEach(function (slot) {
      slot.textContent = clock;
    });
  }

  function csrfToken() {
    var input = document.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function takeToken(token) {
    if (!token) {
      return;
    }
    document.querySelectorAll("input[name='csrfmiddlewaretoken']").forEach(function (input) {
      input.value = token;
    });
    document.querySelectorAll("[hx-headers*='X-CSRFToken']").forEach(function (element) {
      element.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": token }));
    });
  }

  // The server's answer: signed in (with the time left) or not. Returns true when signed in.
  function take(response) {
    if (response.status === 401) {
      show("ended");
      return false;
    }
    if (!response.ok) {
      throw new Error("session status " + response.status);
    }
    return response.json().then(function (answer) {
      if (answer.user !== me) {
        // Someone else signed in in this browser meanwhile: this page's work is not theirs.
        show("other");
        return false;
      }
      var now = Date.now();
      takeToken(answer.csrf_token);
      deadline = now + answer.seconds_left * 1000;
      if (answer.extendable) {
        lastContact = deadline - idle;
      }
      if (answer.seconds_left * 1000 > warnBefore) {
        show("fine");
      } else {
        show(answer.extendable ? "warning" : "final");
      }
      return true;
    });
  }

  // Ask without using the session (GET), or use it (POST: the session goes on).
  function ask(use) {
    if (asking && !use) {
      return asking;
    }
    var options = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (use) {
      options.method = "POST";
      options.headers["X-CSRFToken"] = csrfToken();
    }
    var request = fetch(url, options).then(function (response) {
      if (use && response.status === 403) {
        // The page's token is an old one (signed in again elsewhere): fetch the current one.
        return ask(false).then(function (signedIn) {
          return signedIn ? ask(true) : false;
        });
      }
      return take(response);
    });
    asking = request.then(
      function (signedIn) {
        asking = null;
        return signedIn;
      },
      function (error) {
        asking = null;
        throw error;
      }
    );
    return asking;
  }

  function tick() {
    if (state === "ended" || state === "other" || (state === "final" && Date.now() < deadline)) {
      return;
    }
    var left = deadline - Date.now();
    if (left <= 0 || (left <= warnBefore && state === "fine")) {
      ask(false).catch(function () {});
    }
  }

  function active() {
    if (state === "ended" || state === "final" || state === "other") {
      return;
    }
    if (state === "warning" || Date.now() - lastContact >= keepAliveAfter) {
      lastContact = Date.now(); // one keep-alive at a time
      ask(true).catch(function () {});
    }
  }

  notice.addEventListener("click", function (event) {
    if (event.target.closest("[data-action='stay']")) {
      ask(true).catch(function () {});
    }
  });
  document.addEventListener("input", active, true);

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if ((form.getAttribute("method") || "").toLowerCase() !== "post" || form.classList.contains("logout")) {
        return;
      }
      if (form.hasAttribute("data-session-checked")) {
        form.removeAttribute("data-session-checked");
        return;
      }
      if (form.hasAttribute("data-session-asking")) {
        // pressed again while the server is asked: the first press sends it (sending.js)
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      var ended = state === "ended" || state === "other";
      if (!ended && Date.now() - lastContact < askedWithin) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter;
      form.setAttribute("data-session-asking", "");
      var send = function () {
        form.removeAttribute("data-session-asking");
        form.setAttribute("data-session-checked", "");
        if (submitter && submitter.form === form) {
          form.requestSubmit(submitter);
        } else {
          form.requestSubmit();
        }
      };
      ask(false).then(
        function (signedIn) {
          if (signedIn) {
            lastContact = Date.now();
            send();
          } else {
            form.removeAttribute("data-session-asking");
            notice.focus();
          }
        },
        send // no answer at all: send it, and the server decides as it would without this
      );
    },
    true
  );

  // A live update (HTMX) that found the session ended (accounts.middleware answers 401).
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail && event.detail.xhr && event.detail.xhr.status === 401) {
      show("ended");
    }
  });

  // Back in this tab after signing in again in another one: the notice can go.
  window.addEventListener("focus", function () {
    if (state === "ended" || state === "other") {
      ask(false).catch(function () {});
    }
  });

  setInterval(tick, 15 * 1000);
})();
