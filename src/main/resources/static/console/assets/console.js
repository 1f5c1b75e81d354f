// Hookline console: the only script the pages load (the Content-Security-Policy allows no inline one).
// It adds conveniences; every page and form works without it.
document.addEventListener('click', function (e) {
  var copy = e.target.closest('[data-copy]');
  if (copy) {
    var source = document.querySelector(copy.getAttribute('data-copy'));
    var text = source ? (source.value !== undefined ? source.value : source.textContent) : '';
    navigator.clipboard.writeText(text).then(function () {
      var was = copy.textContent;
      copy.textContent = 'copied';
      setTimeout(function () { copy.textContent = was; }, 1500);
    });
  }
});
document.addEventListener('submit', function (e) {
  var button = e.submitter || e.target.querySelector('[data-confirm]');
  var question = button && button.getAttribute('data-confirm');
  if (question && !window.confirm(question)) e.preventDefault();
});
