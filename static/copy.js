// Copy buttons of a communiqué's page: plain JavaScript, loaded from the
// archive itself (the Content-Security-Policy allows no inline script);
// without it the texts stay selectable.
//
// The clipboard API exists only in a secure context (HTTPS, localhost): on
// plain HTTP, as on an intranet, the text is copied through a selection
// instead, and when even that is refused it is left selected for the reader
// to copy. Each outcome is said in the page's live region, for screen
// readers as for everyone.
(function () {
  var status = document.getElementById("copy-status");

  function say(message) {
    if (!status) return;
    // Emptied first, so that the same message twice is announced twice.
    status.textContent = "";
    setTimeout(function () { status.textContent = message; }, 50);
  }

  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(el) {
    select(el);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  document.querySelectorAll("button.copy").forEach(function (b) {
    var label = b.textContent;
    var what = b.dataset.what || "le texte";
    function copied() {
      b.textContent = "Copié";
      say("Copié dans le presse-papiers : " + what + ".");
      setTimeout(function () { b.textContent = label; }, 1500);
    }
    function fallback(el) {
      if (copyBySelection(el)) {
        copied();
      } else {
        say("Sélectionné, à copier avec Ctrl+C (⌘+C sur Mac) : " + what + ".");
      }
    }
    b.addEventListener("click", function () {
      var el = document.getElementById(b.dataset.copy);
      if (!el) return;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(el.textContent).then(copied, function () { fallback(el); });
      } else {
        fallback(el);
      }
    });
  });
})();
