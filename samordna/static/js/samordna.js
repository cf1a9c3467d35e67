// Small behaviours of Samordna's pages. They live here, not in inline script or onclick
// attributes, because the Content-Security-Policy allows scripts from static files only.
document.addEventListener("click", function (event) {
  if (event.target.closest(".print-button")) {
    window.print();
  }
});
