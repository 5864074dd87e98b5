'use strict';

const http = require('http');
const vm = require('vm');

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-expr'];
  const lookup = new Map([['keyA', 'Math.max(1, 2)'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const script = new vm.Script(bar);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ result: script.runInNewContext({ Math }) }));
});

server.listen(3000);
