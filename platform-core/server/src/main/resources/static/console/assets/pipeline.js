// Keeps a pipeline page's figures current from its event stream (Server-Sent Events), without reloading the page.
// The server ends a stream after a while; EventSource reconnects by itself, authenticated again by the session.
(function () {
  var root = document.getElementById('pipeline');
  if (!root || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var source = new EventSource(root.getAttribute('data-stream'));
  source.addEventListener('figures', function (event) {
    var tick = JSON.parse(event.data);
    tick.stages.forEach(function (stage) {
      Object.keys(stage).forEach(function (figure) {
        if (figure === 'stage' || stage[figure] === null) {
          return;
        }
        var selector = '[data-stage="' + CSS.escape(stage.stage) + '"][data-figure="' + figure + '"]';
        document.querySelectorAll(selector).forEach(function (element) {
          if (element.textContent !== stage[figure]) {
            element.textContent = stage[figure];
          }
        });
      });
    });
    status.textContent = 'Live: figures as of ' + tick.at + '.';
  });
  source.onerror = function () {
    status.textContent = 'Reconnecting to the live figures…';
  };
  // Leaving the page (or htmx swapping it away) closes the stream, so no tab keeps one it no longer shows.
  window.addEventListener('pagehide', function () { source.close(); });
  document.addEventListener('htmx:beforeSwap', function () { source.close(); });
})();
