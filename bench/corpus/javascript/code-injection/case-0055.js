'use strict';

const express = require('express');
const vm = require('vm');

const app = express();

app.get('/api/case-0055/:expr', async (req, res) => {
  const param = req.params.expr;
  const num = 106;
  const bar = 7 * 18 + num > 200 ? 'Math.max(1, 2)' : param;
  const script = new vm.Script(bar);
  res.json({ result: script.runInNewContext({ Math }) });
});

app.listen(3000);
