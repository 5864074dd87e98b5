'use strict';

const http = require('http');
const vm = require('vm');

const EXPRESSIONS = new Set(['Math.max(1, 2)', 'Math.PI * 2']);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-expr'];
  const lookup = new Map([['keyA', 'Math.max(1, 2)'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  if (!EXPRESSIONS.has(bar)) {
    res.writeHead(400);
    return res.end('invalid input');
  }
  const script = new vm.Script(bar);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ result: script.runInNewContext({ Math }) }));
});

server.listen(3000);
