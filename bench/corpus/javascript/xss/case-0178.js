'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = new URLSearchParams(window.location.search).get('name');
  const values = ['safe', param, 'a friend'];
  values.shift();
  const bar = values[0];
  document.write('<p>Shared by ' + bar + '</p>');
});
