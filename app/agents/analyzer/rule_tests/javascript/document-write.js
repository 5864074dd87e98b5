function banner() {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js.document-write
  document.write("<h1>Hello " + name + "</h1>");
  // ruleid: js.document-write
  document.writeln(name);
  // ok: js.document-write
  document.write("<hr>");
}
