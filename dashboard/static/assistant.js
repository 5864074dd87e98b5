// The AI Assistant's answer over Server-Sent Events: tokens are appended as they arrive, sources
// listed, the stream closed when done (an EventSource would otherwise reconnect and ask again).
(function () {
  "use strict";
  function start() {
    var section = document.querySelector("[data-chat-events]");
    if (!section || !window.EventSource) { return; }
    var answer = section.querySelector("[data-answer]");
    var state = section.querySelector("[data-chat-state]");
    var citations = section.querySelector("[data-citations]");
    var source = new EventSource(section.getAttribute("data-chat-events"));
    function finish(text) {
      source.close();
      state.textContent = text;
      answer.setAttribute("aria-busy", "false");
    }
    source.addEventListener("token", function (event) {
      answer.textContent += JSON.parse(event.data).text;
    });
    source.addEventListener("citation", function (event) {
      var c = JSON.parse(event.data);
      var link = document.createElement("a");
      link.href = c.url;
      link.textContent = c.path + " lines " + c.start_line + "-" + c.end_line;
      var item = document.createElement("li");
      item.appendChild(link);
      citations.appendChild(item);
    });
    source.addEventListener("done", function (event) {
      finish("Answered by " + JSON.parse(event.data).writer + ".");
    });
    source.addEventListener("error", function (event) {
      if (event.data) { finish("Error: " + JSON.parse(event.data).detail); }
      else if (source.readyState !== EventSource.OPEN) { finish("The connection was lost; reload the page."); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
