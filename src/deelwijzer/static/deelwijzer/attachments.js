// Upload forms of attachments (issue 19): drag and drop onto the file field and a progress bar
// for large files. Without this script the plain file input and a normal POST do the same.
(function () {
  "use strict";
  function enhance(form) {
    var zone = form.querySelector("[data-drop-zone]");
    var input = form.querySelector("input[type=file]");
    var bar = form.querySelector("[data-progress]");
    var hint = form.querySelector("[data-drop-hint]");
    if (!zone || !input || !window.FormData || !window.XMLHttpRequest) { return; }
    // "or drag a file here" only where a file can be dragged: not on a phone or a tablet
    if (hint && window.matchMedia("(any-pointer: fine)").matches) { hint.hidden = false; }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.hasAttribute("data-sending")) { return; } // pressed again while it uploads
      form.setAttribute("data-sending", "");
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      // The server then answers with where to go instead of redirecting, so that the page
      // that reports the upload is loaded once, by the browser (with its message).
      request.setRequestHeader("X-Upload-Progress", "1");
      if (bar) {
        bar.hidden = false;
        request.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
        });
      }
      request.addEventListener("load", function () {
        var next = request.getResponseHeader("X-Next-Location");
        if (request.status < 400 && next) {
          // From the entry page itself the address differs only by its #fragment: assigning
          // it would not load the page again, so the new file would not show. Reload then.
          var target = new URL(next, window.location.href);
          var here = new URL(window.location.href);
          window.location.assign(next);
          if (target.pathname === here.pathname && target.search === here.search) {
            window.location.reload();
          }
          return;
        }
        // Refused (422, 413): send the form the plain way, so that the browser shows the
        // refusal as a page of its own (with the input kept), as it does without this script.
        form.submit();
      });
      // No answer (the connection broke): the plain way once more. If the first upload did
      // arrive, the server knows this form and does not store the file twice (ui/once.py).
      request.addEventListener("error", function () { form.submit(); });
      request.send(new FormData(form));
    });
  }
  document.querySelectorAll("form[data-attachment-upload]").forEach(enhance);
})();
