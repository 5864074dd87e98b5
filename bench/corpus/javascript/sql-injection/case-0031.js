'use strict';

const express = require('express');
const { Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

const app = express();

app.get('/api/case-0031/:sort', async (req, res) => {
  const param = req.params.sort;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  const [rows] = await sequelize.query(`SELECT id, title FROM articles ORDER BY ${bar}`);
  res.json(rows);
});

app.listen(3000);
