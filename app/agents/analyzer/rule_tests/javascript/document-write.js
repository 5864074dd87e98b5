function banner() {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js.document-write
  document.write("<h1>Hello " + name + "</h1>");
  // ruleid: js.document-write
  document.writeln(window.name);
  // ok: js.document-write
  document.write("<hr>");
  // Sanitizer.
  // ok: js.document-write
  document.write("<h1>Hello " + escapeHtml(name) + "</h1>");
}

function footer(year) {
  // ok: js.document-write
  document.write("<p>&copy; " + year + "</p>");
}
