const express = require("express");
const serialize = require("node-serialize");
const yaml = require("js-yaml");

const app = express();

app.get("/prefs", (req, res) => {
  const raw = Buffer.from(req.cookies.prefs, "base64").toString();
  // ruleid: js.deserialization
  const prefs = serialize.unserialize(raw);
  // ok: js.deserialization
  const safe = JSON.parse(raw);
  res.json({ prefs, safe });
});

app.post("/config", (req, res) => {
  // ruleid: js.deserialization
  const unsafe = yaml.load(req.body.config, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // js-yaml 4: `load` with the default schema builds plain data only.
  // ok: js.deserialization
  const config = yaml.load(req.body.config);
  // ok: js.deserialization
  const failsafe = yaml.load(req.body.config, { schema: yaml.FAILSAFE_SCHEMA });
  res.json({ unsafe, config, failsafe });
});

app.post("/state", (req, res) => {
  // serialize-javascript output read back with eval.
  // ruleid: js.deserialization
  const state = eval("(" + req.body.state + ")");
  res.json(state);
});

function restore(saved) {
  // ok: js.deserialization
  return serialize.unserialize(saved);
}
