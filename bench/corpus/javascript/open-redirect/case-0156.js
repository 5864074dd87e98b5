'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0156', async (req, res) => {
  const param = req.get('X-Next');
  const lookup = new Map([['keyA', '/dashboard'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  res.redirect(bar);
});

app.listen(3000);
