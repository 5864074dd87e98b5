// The AI Assistant's answer over Server-Sent Events: tokens are appended as they arrive, sources
// listed, the stream closed when done (an EventSource would otherwise reconnect and ask again).
// The answer is shown as the same small Markdown subset the server renders for the history
// (app/markdown_render.py), built as DOM nodes with textContent: the model's text never
// becomes markup (no innerHTML anywhere), and links are http(s) only.
(function () {
  "use strict";
  var FENCE = /^\s*(```|~~~)\s*([A-Za-z0-9_+-]*)\s*$/;
  var BULLET = /^\s*[-*+]\s+(.*)$/;
  var NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
  var HEADING = /^\s*#{1,6}\s+(.*?)\s*#*\s*$/;
  // code span | link | strong | emphasis, the first that starts earliest wins.
  var INLINE = /(`+)([^`]+?)\1|\[([^\]\n]+)\]\((https?:\/\/[^\s()<>"']+)\)|(\*\*|__)(?=\S)(.+?\S)\5|\*(?=[^\s*])([^*]+?)\*|(?:^|\b)_(?=[^\s_])([^_]+?)_\b/;

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function inline(parent, text) {
    while (text) {
      var match = INLINE.exec(text);
      if (!match) { parent.appendChild(document.createTextNode(text)); return; }
      if (match.index > 0) { parent.appendChild(document.createTextNode(text.slice(0, match.index))); }
      if (match[2] !== undefined) {
        parent.appendChild(el("code", match[2].trim()));
      } else if (match[3] !== undefined) {
        var link = el("a");
        link.href = match[4];
        link.rel = "nofollow noopener noreferrer";
        inline(link, match[3]);
        parent.appendChild(link);
      } else if (match[6] !== undefined) {
        var strong = el("strong");
        inline(strong, match[6]);
        parent.appendChild(strong);
      } else {
        var em = el("em");
        inline(em, match[7] !== undefined ? match[7] : match[8]);
        parent.appendChild(em);
      }
      text = text.slice(match.index + match[0].length);
    }
  }

  function render(target, text) {
    var fragment = document.createDocumentFragment();
    var lines = text.replace(/\r\n/g, "\n").split("\n");
    var paragraph = [];
    var list = null;
    var item = null;
    function close() {
      if (paragraph.length) {
        var p = el("p");
        for (var k = 0; k < paragraph.length; k++) {
          if (k) { p.appendChild(el("br")); }
          inline(p, paragraph[k]);
        }
        fragment.appendChild(p);
        paragraph = [];
      }
      if (list) {
        fragment.appendChild(list.node);
        list = null;
        item = null;
      }
    }
    function listItem(tag, text) {
      if (!list || list.tag !== tag) { close(); list = { tag: tag, node: el(tag) }; }
      item = { node: el("li"), text: text };
      list.node.appendChild(item.node);
      inline(item.node, text);
    }
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var match = FENCE.exec(line);
      if (match) {
        close();
        var code = [];
        while (i + 1 < lines.length && lines[i + 1].trim().indexOf(match[1]) !== 0) { code.push(lines[++i]); }
        i++;
        var pre = el("pre");
        var block = el("code", code.join("\n"));
        if (match[2]) { block.className = "language-" + match[2]; }
        pre.appendChild(block);
        fragment.appendChild(pre);
      } else if (!line.trim()) {
        close();
      } else if ((match = BULLET.exec(line))) {
        listItem("ul", match[1]);
      } else if ((match = NUMBERED.exec(line))) {
        listItem("ol", match[1]);
      } else if ((match = HEADING.exec(line))) {
        close();
        var heading = el("p");
        heading.className = "md-heading";
        var strong = el("strong");
        inline(strong, match[1]);
        heading.appendChild(strong);
        fragment.appendChild(heading);
      } else if (item && /^\s/.test(line)) {
        item.text += " " + line.trim();
        item.node.textContent = "";
        inline(item.node, item.text);
      } else {
        if (list) { close(); }
        paragraph.push(line.trim());
      }
    }
    close();
    target.replaceChildren(fragment);
  }

  function start() {
    var section = document.querySelector("[data-chat-events]");
    if (!section || !window.EventSource) { return; }
    var answer = section.querySelector("[data-answer]");
    var state = section.querySelector("[data-chat-state]");
    var citations = section.querySelector("[data-citations]");
    var source = new EventSource(section.getAttribute("data-chat-events"));
    var text = "";
    var scheduled = false;
    function show() {
      scheduled = false;
      render(answer, text);
    }
    function finish(message) {
      source.close();
      show();
      state.textContent = message;
      answer.setAttribute("aria-busy", "false");
    }
    source.addEventListener("token", function (event) {
      text += JSON.parse(event.data).text;
      answer.setAttribute("data-answer-text", text.length);
      if (!scheduled) { scheduled = true; window.requestAnimationFrame(show); }
    });
    source.addEventListener("citation", function (event) {
      var c = JSON.parse(event.data);
      var link = document.createElement("a");
      link.href = c.url;
      link.textContent = c.path + " lines " + c.start_line + "-" + c.end_line;
      var entry = document.createElement("li");
      entry.appendChild(link);
      citations.appendChild(entry);
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
