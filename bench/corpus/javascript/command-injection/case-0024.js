'use strict';

const http = require('http');
const { exec } = require('child_process');
const { promisify } = require('util');

const execAsync = promisify(exec);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-count'];
  const lookup = new Map([['keyA', '3'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const { stdout } = await execAsync(`ping -c ${bar} 127.0.0.1`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ output: stdout }));
});

server.listen(3000);
