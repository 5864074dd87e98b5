const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const UPLOADS = path.join(__dirname, "uploads");

app.get("/files", (req, res) => {
  const name = req.query.name;
  const full = path.join(UPLOADS, name);
  // ruleid: js.path-traversal
  fs.readFile(full, (err, data) => res.send(data));
});

app.get("/download/:file", (req, res) => {
  // ruleid: js.path-traversal
  res.sendFile(path.join(UPLOADS, req.params.file));
  // ruleid: js.path-traversal
  res.download(UPLOADS + "/" + req.params.file);
  // ruleid: js.path-traversal
  fs.createReadStream(`${UPLOADS}/${req.params.file}`).pipe(res);
  // ruleid: js.path-traversal
  fs.promises.writeFile(path.resolve(UPLOADS, req.body.name), req.body.text);
});

app.get("/safe/:file", (req, res) => {
  // Safe sink: send refuses `..` outside `root`.
  // ok: js.path-traversal
  res.sendFile(req.params.file, { root: UPLOADS });
  // Sanitizer: only the file name is kept.
  // ok: js.path-traversal
  fs.readFileSync(path.join(UPLOADS, path.basename(req.params.file)));
  // Constant path.
  // ok: js.path-traversal
  fs.readFileSync(path.join(UPLOADS, "index.html"));
});

app.get("/checked", (req, res) => {
  // Validated value: the resolved path must stay under the root.
  const full = path.resolve(UPLOADS, req.query.name);
  if (!full.startsWith(UPLOADS + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: js.path-traversal
  return fs.createReadStream(full).pipe(res);
});

function loadTemplate(name) {
  // ok: js.path-traversal
  return fs.readFileSync(path.join(__dirname, "templates", name), "utf8");
}
