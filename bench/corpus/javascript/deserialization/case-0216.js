'use strict';

const http = require('http');
const Cryo = require('cryo');

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-state'];
  const lookup = new Map([['keyA', '{"root":"_CRYO_REF_0"}'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const state = JSON.parse(bar);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ keys: Object.keys(state) }));
});

server.listen(3000);
