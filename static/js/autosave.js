/* Autosave for forms marked data-autosave="<url>" (the end report).

   What is typed is posted to the URL 800 ms after the last keystroke, on every change,
   and once more when the page is hidden or closed, so nothing typed is lost. The
   server answers with the words for the live region ("Draft saved at 14:32").

   Buttons marked data-add-line="<list id>" open one more result line at once; without
   this script they are ordinary submit buttons and the server adds the line. Enter in
   a result line opens the next line instead of submitting the form.

   No inline script anywhere: the CSP allows only scripts from our own origin. */
(function () {
  "use strict";

  var DELAY = 800;
  var RETRY = 5000;

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function textOf(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent.trim();
  }

  function setup(form) {
    var url = form.getAttribute("data-autosave");
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    var dirty = false;
    var inFlight = false;
    var again = false;

    function say(text, failed) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("is-failed", Boolean(failed));
    }

    function save() {
      clearTimeout(timer);
      timer = null;
      if (!dirty) return;
      if (inFlight) {
        again = true;
        return;
      }
      dirty = false;
      inFlight = true;
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          if (response.ok || response.status === 400 || response.status === 409) {
            return response.text().then(function (html) {
              // 400: the server explains what it refused; 409: the report is final.
              say(textOf(html), !response.ok);
              if (response.status === 400) dirty = true;
            });
          }
          throw new Error(String(response.status));
        })
        .catch(function () {
          // Offline, or the server could not save just now: say so, and try again soon.
          dirty = true;
          say(form.getAttribute("data-autosave-failed"), true);
          clearTimeout(timer);
          timer = setTimeout(save, RETRY);
        })
        .finally(function () {
          inFlight = false;
          if (again) {
            again = false;
            save();
          }
        });
    }

    function later() {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }

    function flush() {
      // The page is going away: a beacon outlives it, a fetch may not.
      if (!dirty || !navigator.sendBeacon) return;
      if (navigator.sendBeacon(url, new FormData(form))) {
        dirty = false;
      }
    }

    form.addEventListener("input", later);
    // A normal submit carries every field and the server saves them: no autosave races it.
    form.addEventListener("submit", function () {
      clearTimeout(timer);
      dirty = false;
    });
    form.addEventListener("change", function () {
      dirty = true;
      save();
    });
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") flush();
    });

    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-add-line]");
      if (!button) return;
      event.preventDefault();
      addLine(document.getElementById(button.getAttribute("data-add-line")));
    });

    form.addEventListener("keydown", function (event) {
      var input = event.target;
      if (event.key !== "Enter" || !input.matches("[data-lines] input")) return;
      event.preventDefault();
      var item = input.closest("li");
      var next = item.nextElementSibling;
      if (next) {
        next.querySelector("input").focus();
      } else {
        addLine(item.parentElement);
      }
    });
  }

  function addLine(list) {
    if (!list) return;
    var items = list.querySelectorAll("li");
    var last = items[items.length - 1];
    var copy = last.cloneNode(true);
    var number = items.length + 1;
    var input = copy.querySelector("input");
    var label = copy.querySelector("label");
    var id = input.id.replace(/_\d+$/, "_" + (number - 1));
    input.id = id;
    input.value = "";
    label.htmlFor = id;
    // "Result 2" in any language: only the number changes.
    label.textContent = label.textContent.replace(/\d+/, String(number));
    list.appendChild(copy);
    input.focus();
  }

  function start() {
    document.querySelectorAll("form[data-autosave]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
