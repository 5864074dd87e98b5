'use strict';

const http = require('http');
const yaml = require('js-yaml');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('settings');
  const lookup = new Map([['keyA', 'theme: dark'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const settings = yaml.load(bar, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ keys: Object.keys(settings) }));
});

server.listen(3000);
