// Copy buttons of a communiqué's page: plain JavaScript, loaded from the
// archive itself (the Content-Security-Policy allows no inline script);
// without it the texts stay selectable.
document.querySelectorAll("button.copy").forEach(function (b) {
  b.addEventListener("click", function () {
    var text = document.getElementById(b.dataset.copy).textContent;
    navigator.clipboard.writeText(text).then(function () {
      var label = b.textContent;
      b.textContent = "Copié";
      setTimeout(function () { b.textContent = label; }, 1500);
    });
  });
});
